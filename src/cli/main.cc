// sprintetl command line entry point.
#include <cstdio>

int main() {
  std::printf("sprintetl %s\n", SPRINTETL_VERSION);
  return 0;
}
