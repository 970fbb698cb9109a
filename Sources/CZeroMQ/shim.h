#ifndef PANORAMA_CZEROMQ_SHIM_H
#define PANORAMA_CZEROMQ_SHIM_H
#include <zmq.h>
#endif
