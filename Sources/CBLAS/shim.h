// OpenBLAS's CBLAS interface (Debian libopenblas-dev). Row-major everywhere in Transformer.
#include <cblas.h>
