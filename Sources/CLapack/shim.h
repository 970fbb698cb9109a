#ifndef PANORAMA_CLAPACK_SHIM_H
#define PANORAMA_CLAPACK_SHIM_H
#define HAVE_LAPACK_CONFIG_H
#define LAPACK_COMPLEX_STRUCTURE
#include <lapacke.h>
#include <cblas.h>
/// `lapack_int` is a macro Swift cannot see.
typedef lapack_int la_int;
#endif
