// Wrappers for FLINT/GMP function-like macros, which Swift cannot import. No Swift API is promised here.
#ifndef CEXACTSHIM_H
#define CEXACTSHIM_H
#include <gmp.h>
#include <flint/flint.h>
#include <flint/fmpz.h>
#include <flint/fmpq.h>
fmpz *lx_fmpq_numref(fmpq *q);
fmpz *lx_fmpq_denref(fmpq *q);
int lx_fmpz_is_mpz(const fmpz *f);
long lx_coeff_max(void);
/// 1 once FLINT (loaded lazily on the first FLINT call, flint_lazy.c) is in this process, else 0.
int lx_flint_is_loaded(void);
#endif
