// FLINT loaded on first use instead of at process start.
//
// Why: libflint.so.17 (Debian FLINT 2.9) drags in NTL, libstdc++, gf2x and MPFR, and binding its ~10,000 relocations
// costs ~3.5 ms of every process start (an empty C program: 1.0 ms without it, 5.2 ms linked to it; measured with
// `perf stat -r 60`, BENCHMARKS.md, Lie groups). Most `lagrangify` runs (irreps, small decompositions, the Lagrangian
// of a few fields) never leave the machine-integer fast paths and never call FLINT, so they should not pay for it.
//
// How: the CFlint module map no longer links libflint. Each FLINT function the package calls is defined here under its
// own name (hidden, so it binds only inside our own executable and never shadows libflint's internal calls) as a
// trampoline through a table that one pthread_once fills with dlsym on the first call. The prototypes come from the
// FLINT headers themselves (`__typeof__`), so a signature mismatch is a compile error, not a silent ABI bug.
// A FLINT function the package starts to call without adding it here is an undefined symbol at link time.
//
// Cost per call: one acquire load and an indirect call (FLINT is only reached for numbers beyond 62 bits, where the
// call itself costs 20–200 ns). GMP stays linked normally: it is cheap to load (0.05 ms) and has no dependencies.
#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <gmp.h>
#include <flint/flint.h>
#include <flint/fmpz.h>
#include <flint/fmpq.h>
#include <flint/fmpz_mat.h>
#include <flint/fmpq_mat.h>
#include <flint/fmpz_mpoly.h>

// X(name): every FLINT symbol the package (library, tests and benchmarks) references.
#define LX_FLINT_FUNCTIONS(X) \
    X(_fmpz_clear_mpz) X(_fmpz_promote) X(flint_free) \
    X(fmpz_add) X(fmpz_sub) X(fmpz_mul) X(fmpz_mul_2exp) X(fmpz_divexact) X(fmpz_fdiv_q) X(fmpz_tdiv_q) \
    X(fmpz_fdiv_ui) X(fmpz_gcd) X(fmpz_pow_ui) X(fmpz_fac_ui) X(fmpz_bin_uiui) X(fmpz_set) X(fmpz_set_str) \
    X(fmpz_get_str) X(fmpz_get_si) X(fmpz_get_d) X(fmpz_fits_si) X(fmpz_bits) X(fmpz_sgn) X(fmpz_cmp) X(fmpz_equal) \
    X(fmpq_add) X(fmpq_sub) X(fmpq_mul) X(fmpq_set_si) X(fmpq_get_str) X(fmpq_canonicalise) \
    X(fmpz_mat_init) X(fmpz_mat_clear) X(fmpz_mat_mul) X(fmpz_mat_det) X(fmpz_mat_rank) X(fmpz_mat_rref) \
    X(fmpq_mat_init) X(fmpq_mat_clear) X(fmpq_mat_mul) X(fmpq_mat_det) X(fmpq_mat_inv) \
    X(fmpq_mat_get_fmpz_mat_rowwise) \
    X(fmpz_mpoly_ctx_init) X(fmpz_mpoly_ctx_clear) X(fmpz_mpoly_init) X(fmpz_mpoly_clear) X(fmpz_mpoly_mul) \
    X(fmpz_mpoly_push_term_fmpz_ui) X(fmpz_mpoly_sort_terms) X(fmpz_mpoly_combine_like_terms) \
    X(fmpz_mpoly_get_term_coeff_fmpz) X(fmpz_mpoly_get_term_exp_si)

static struct {
#define LX_FIELD(name) __typeof__(&name) name;
    LX_FLINT_FUNCTIONS(LX_FIELD)
#undef LX_FIELD
} lx_flint;

static atomic_int lx_flint_loaded;
static pthread_once_t lx_flint_once = PTHREAD_ONCE_INIT;

static void lx_flint_fail(const char *what, const char *detail) {
    fprintf(stderr,
            "lagrangify: error: cannot load FLINT (%s): %s\n"
            "  Exact arithmetic beyond 62-bit integers needs FLINT 2.9 (Debian package libflint17, pulled in by\n"
            "  libflint-dev). Install it with Scripts/install-deps.sh, or point LAGRANGIFY_FLINT at libflint.so.\n",
            what, detail ? detail : "unknown error");
    exit(70);  // EX_SOFTWARE-adjacent: the environment, not the input, is at fault.
}

static void lx_flint_load(void) {
    const char *override = getenv("LAGRANGIFY_FLINT");
    const char *candidates[] = {override, "libflint.so.17", "libflint.so"};
    void *handle = NULL;
    const char *tried = "libflint.so.17";
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0] && !handle; i++) {
        if (!candidates[i] || !*candidates[i]) continue;
        tried = candidates[i];
        handle = dlopen(candidates[i], RTLD_NOW | RTLD_LOCAL);
        if (override && i == 0 && !handle) break;  // An explicit path that fails is reported as such.
    }
    if (!handle) lx_flint_fail(tried, dlerror());
#define LX_RESOLVE(name) \
    if (!(lx_flint.name = (__typeof__(&name))dlsym(handle, #name))) lx_flint_fail(#name, dlerror());
    LX_FLINT_FUNCTIONS(LX_RESOLVE)
#undef LX_RESOLVE
    atomic_store_explicit(&lx_flint_loaded, 1, memory_order_release);
}

static inline void lx_flint_ready(void) {
    if (__builtin_expect(!atomic_load_explicit(&lx_flint_loaded, memory_order_acquire), 0))
        pthread_once(&lx_flint_once, lx_flint_load);
}

/// 1 once FLINT has been loaded in this process (tests use it to prove that small work never loads it).
int lx_flint_is_loaded(void) { return atomic_load_explicit(&lx_flint_loaded, memory_order_acquire); }

#define HIDDEN __attribute__((visibility("hidden")))
// Trampolines. Each forwards its arguments unchanged; the argument lists repeat the header prototypes.
HIDDEN void _fmpz_clear_mpz(fmpz f) { lx_flint_ready(); lx_flint._fmpz_clear_mpz(f); }
HIDDEN __mpz_struct *_fmpz_promote(fmpz_t f) { lx_flint_ready(); return lx_flint._fmpz_promote(f); }
HIDDEN void flint_free(void *p) { lx_flint_ready(); lx_flint.flint_free(p); }

#define LX_BINARY(name, T) HIDDEN void name(T##_t f, const T##_t g, const T##_t h) { lx_flint_ready(); lx_flint.name(f, g, h); }
LX_BINARY(fmpz_add, fmpz) LX_BINARY(fmpz_sub, fmpz) LX_BINARY(fmpz_mul, fmpz) LX_BINARY(fmpz_divexact, fmpz)
LX_BINARY(fmpz_fdiv_q, fmpz) LX_BINARY(fmpz_tdiv_q, fmpz) LX_BINARY(fmpz_gcd, fmpz)
LX_BINARY(fmpq_add, fmpq) LX_BINARY(fmpq_sub, fmpq) LX_BINARY(fmpq_mul, fmpq)
LX_BINARY(fmpz_mat_mul, fmpz_mat) LX_BINARY(fmpq_mat_mul, fmpq_mat)
#undef LX_BINARY

HIDDEN void fmpz_mul_2exp(fmpz_t f, const fmpz_t g, ulong e) { lx_flint_ready(); lx_flint.fmpz_mul_2exp(f, g, e); }
HIDDEN void fmpz_pow_ui(fmpz_t f, const fmpz_t g, ulong e) { lx_flint_ready(); lx_flint.fmpz_pow_ui(f, g, e); }
HIDDEN ulong fmpz_fdiv_ui(const fmpz_t g, ulong h) { lx_flint_ready(); return lx_flint.fmpz_fdiv_ui(g, h); }
HIDDEN void fmpz_fac_ui(fmpz_t f, ulong n) { lx_flint_ready(); lx_flint.fmpz_fac_ui(f, n); }
HIDDEN void fmpz_bin_uiui(fmpz_t r, ulong n, ulong k) { lx_flint_ready(); lx_flint.fmpz_bin_uiui(r, n, k); }
HIDDEN void fmpz_set(fmpz_t f, const fmpz_t g) { lx_flint_ready(); lx_flint.fmpz_set(f, g); }
HIDDEN int fmpz_set_str(fmpz_t f, const char *s, int b) { lx_flint_ready(); return lx_flint.fmpz_set_str(f, s, b); }
HIDDEN char *fmpz_get_str(char *s, int b, const fmpz_t f) { lx_flint_ready(); return lx_flint.fmpz_get_str(s, b, f); }
HIDDEN slong fmpz_get_si(const fmpz_t f) { lx_flint_ready(); return lx_flint.fmpz_get_si(f); }
HIDDEN double fmpz_get_d(const fmpz_t f) { lx_flint_ready(); return lx_flint.fmpz_get_d(f); }
HIDDEN int fmpz_fits_si(const fmpz_t f) { lx_flint_ready(); return lx_flint.fmpz_fits_si(f); }
HIDDEN flint_bitcnt_t fmpz_bits(const fmpz_t f) { lx_flint_ready(); return lx_flint.fmpz_bits(f); }
HIDDEN int fmpz_sgn(const fmpz_t f) { lx_flint_ready(); return lx_flint.fmpz_sgn(f); }
HIDDEN int fmpz_cmp(const fmpz_t f, const fmpz_t g) { lx_flint_ready(); return lx_flint.fmpz_cmp(f, g); }
HIDDEN int fmpz_equal(const fmpz_t f, const fmpz_t g) { lx_flint_ready(); return lx_flint.fmpz_equal(f, g); }

HIDDEN void fmpq_set_si(fmpq_t r, slong p, ulong q) { lx_flint_ready(); lx_flint.fmpq_set_si(r, p, q); }
HIDDEN char *fmpq_get_str(char *s, int b, const fmpq_t x) { lx_flint_ready(); return lx_flint.fmpq_get_str(s, b, x); }
HIDDEN void fmpq_canonicalise(fmpq_t r) { lx_flint_ready(); lx_flint.fmpq_canonicalise(r); }

HIDDEN void fmpz_mat_init(fmpz_mat_t m, slong r, slong c) { lx_flint_ready(); lx_flint.fmpz_mat_init(m, r, c); }
HIDDEN void fmpz_mat_clear(fmpz_mat_t m) { lx_flint_ready(); lx_flint.fmpz_mat_clear(m); }
HIDDEN void fmpz_mat_det(fmpz_t d, const fmpz_mat_t a) { lx_flint_ready(); lx_flint.fmpz_mat_det(d, a); }
HIDDEN slong fmpz_mat_rank(const fmpz_mat_t a) { lx_flint_ready(); return lx_flint.fmpz_mat_rank(a); }
HIDDEN slong fmpz_mat_rref(fmpz_mat_t b, fmpz_t den, const fmpz_mat_t a) {
    lx_flint_ready(); return lx_flint.fmpz_mat_rref(b, den, a);
}
HIDDEN void fmpq_mat_init(fmpq_mat_t m, slong r, slong c) { lx_flint_ready(); lx_flint.fmpq_mat_init(m, r, c); }
HIDDEN void fmpq_mat_clear(fmpq_mat_t m) { lx_flint_ready(); lx_flint.fmpq_mat_clear(m); }
HIDDEN void fmpq_mat_det(fmpq_t d, const fmpq_mat_t a) { lx_flint_ready(); lx_flint.fmpq_mat_det(d, a); }
HIDDEN int fmpq_mat_inv(fmpq_mat_t b, const fmpq_mat_t a) { lx_flint_ready(); return lx_flint.fmpq_mat_inv(b, a); }
HIDDEN void fmpq_mat_get_fmpz_mat_rowwise(fmpz_mat_t num, fmpz *den, const fmpq_mat_t m) {
    lx_flint_ready(); lx_flint.fmpq_mat_get_fmpz_mat_rowwise(num, den, m);
}

HIDDEN void fmpz_mpoly_ctx_init(fmpz_mpoly_ctx_t c, slong n, const ordering_t o) {
    lx_flint_ready(); lx_flint.fmpz_mpoly_ctx_init(c, n, o);
}
HIDDEN void fmpz_mpoly_ctx_clear(fmpz_mpoly_ctx_t c) { lx_flint_ready(); lx_flint.fmpz_mpoly_ctx_clear(c); }
HIDDEN void fmpz_mpoly_init(fmpz_mpoly_t a, const fmpz_mpoly_ctx_t c) { lx_flint_ready(); lx_flint.fmpz_mpoly_init(a, c); }
HIDDEN void fmpz_mpoly_clear(fmpz_mpoly_t a, const fmpz_mpoly_ctx_t c) {
    lx_flint_ready(); lx_flint.fmpz_mpoly_clear(a, c);
}
HIDDEN void fmpz_mpoly_mul(fmpz_mpoly_t a, const fmpz_mpoly_t b, const fmpz_mpoly_t c, const fmpz_mpoly_ctx_t x) {
    lx_flint_ready(); lx_flint.fmpz_mpoly_mul(a, b, c, x);
}
HIDDEN void fmpz_mpoly_push_term_fmpz_ui(fmpz_mpoly_t a, const fmpz_t c, const ulong *e, const fmpz_mpoly_ctx_t x) {
    lx_flint_ready(); lx_flint.fmpz_mpoly_push_term_fmpz_ui(a, c, e, x);
}
HIDDEN void fmpz_mpoly_sort_terms(fmpz_mpoly_t a, const fmpz_mpoly_ctx_t x) {
    lx_flint_ready(); lx_flint.fmpz_mpoly_sort_terms(a, x);
}
HIDDEN void fmpz_mpoly_combine_like_terms(fmpz_mpoly_t a, const fmpz_mpoly_ctx_t x) {
    lx_flint_ready(); lx_flint.fmpz_mpoly_combine_like_terms(a, x);
}
HIDDEN void fmpz_mpoly_get_term_coeff_fmpz(fmpz_t c, const fmpz_mpoly_t a, slong i, const fmpz_mpoly_ctx_t x) {
    lx_flint_ready(); lx_flint.fmpz_mpoly_get_term_coeff_fmpz(c, a, i, x);
}
HIDDEN void fmpz_mpoly_get_term_exp_si(slong *e, const fmpz_mpoly_t a, slong i, const fmpz_mpoly_ctx_t x) {
    lx_flint_ready(); lx_flint.fmpz_mpoly_get_term_exp_si(e, a, i, x);
}
