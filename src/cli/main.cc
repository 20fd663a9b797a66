#include <cstdio>
int main(){std::printf("x\n");}
