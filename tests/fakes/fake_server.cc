#include "fakes/fake_server.h"
