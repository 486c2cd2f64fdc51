#include "CExactShim.h"
fmpz *lx_fmpq_numref(fmpq *q) { return fmpq_numref(q); }
fmpz *lx_fmpq_denref(fmpq *q) { return fmpq_denref(q); }
int lx_fmpz_is_mpz(const fmpz *f) { return COEFF_IS_MPZ(*f) ? 1 : 0; }
long lx_coeff_max(void) { return COEFF_MAX; }
