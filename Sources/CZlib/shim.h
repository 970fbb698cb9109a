#ifndef PANORAMA_CZLIB_SHIM_H
#define PANORAMA_CZLIB_SHIM_H
/// `next_in` as a pointer to constant bytes: Swift lends the input read-only.
#define ZLIB_CONST
#include <zlib.h>
/// `inflateInit2` and `deflateInit2` are macros Swift cannot call.
static inline int panorama_inflate_init_raw(z_stream *stream) {
    return inflateInit2(stream, -15);
}
static inline int panorama_deflate_init_raw(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
}
#endif
