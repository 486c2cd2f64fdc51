// The only file that talks to BLAS. Row-major everywhere: a matrix [R×C] stores element (r, c) at r·ld + c.
import Dispatch
import Foundation

/// OpenBLAS, loaded with dlopen on first use instead of linked into every binary: only training, decoding and the
/// transformer benchmarks need it, and linking it cost every `lagrangify` process 3–6 ms of start-up (its
/// constructor, libgfortran, 16k relocations; see BENCHMARKS.md "Lie groups"). A call through the resolved function
/// pointer costs the same as the PLT call it replaces.
enum OpenBLAS {
    // CBLAS enum values (cblas.h): CblasRowMajor = 101, CblasNoTrans = 111, CblasTrans = 112.
    static let rowMajor: Int32 = 101
    @inline(__always) static func op(_ t: Bool) -> Int32 { t ? 112 : 111 }

    typealias Sgemm = @convention(c) (Int32, Int32, Int32, Int32, Int32, Int32, Float, UnsafePointer<Float>?, Int32,
                                      UnsafePointer<Float>?, Int32, Float, UnsafeMutablePointer<Float>?, Int32) -> Void
    typealias Dgemm = @convention(c) (Int32, Int32, Int32, Int32, Int32, Int32, Double, UnsafePointer<Double>?, Int32,
                                      UnsafePointer<Double>?, Int32, Double, UnsafeMutablePointer<Double>?, Int32) -> Void
    typealias SetThreads = @convention(c) (Int32) -> Void
    typealias GetThreads = @convention(c) () -> Int32
    typealias GetString = @convention(c) () -> UnsafeMutablePointer<CChar>?

    struct Functions {
        let sgemm: Sgemm
        let dgemm: Dgemm
        let setNumThreads: SetThreads
        let getNumThreads: GetThreads
        let getConfig: GetString
        let getCorename: GetString
    }

    /// The library names tried in order (Debian's libopenblas0 provides the first; the -dev package the second).
    static let candidates = ["libopenblas.so.0", "libopenblas.so"]

    /// Resolved once, thread-safely (a global `let` is initialised under swift_once). Exits with a message naming the
    /// missing library when OpenBLAS cannot be loaded: nothing that needs it can go on without it.
    static let functions: Functions = {
        switch loaded {
        case .success(let f): return f
        case .failure(let message):
            FileHandle.standardError.write(Data(("error: " + message + "\n").utf8))
            exit(70)
        }
    }()

    static let loaded: LoadResult = load()

    /// Whether OpenBLAS can be loaded here (loads it).
    static var available: Bool { if case .success = loaded { return true } else { return false } }

    enum LoadResult { case success(Functions), failure(String) }

    static func load() -> LoadResult {
        var handle: UnsafeMutableRawPointer? = nil
        var errors: [String] = []
        // Our workers split the work (Parallelism); OpenBLAS's own threads would oversubscribe the cores and, between
        // the many small products of a decoding step, spin in sched_yield (measured: 30% of a checked-decoding
        // profile with `--threads 1`). Unless the user set it, OpenBLAS starts single-threaded; a caller that wants
        // its threads asks with Parallelism.setBLASThreads.
        setenv("OPENBLAS_NUM_THREADS", "1", 0)
        for name in candidates {
            handle = dlopen(name, RTLD_NOW | RTLD_LOCAL)
            if handle != nil { break }
            errors.append(dlerror().map { String(cString: $0) } ?? name)
        }
        guard let h = handle else {
            return .failure("OpenBLAS is needed for the transformer (train, predict, eval) but could not be loaded ("
                            + errors.joined(separator: "; ")
                            + "). Install it with Scripts/install-deps.sh (Debian: apt-get install libopenblas0).")
        }
        func sym<T>(_ name: String, _: T.Type) -> T? {
            guard let p = dlsym(h, name) else { return nil }
            return unsafeBitCast(p, to: T.self)
        }
        guard let sgemm = sym("cblas_sgemm", Sgemm.self), let dgemm = sym("cblas_dgemm", Dgemm.self),
              let setT = sym("openblas_set_num_threads", SetThreads.self),
              let getT = sym("openblas_get_num_threads", GetThreads.self),
              let conf = sym("openblas_get_config", GetString.self),
              let core = sym("openblas_get_corename", GetString.self) else {
            return .failure("the loaded BLAS library is not OpenBLAS (cblas_sgemm, cblas_dgemm or openblas_* missing)")
        }
        return .success(Functions(sgemm: sgemm, dgemm: dgemm, setNumThreads: setT, getNumThreads: getT,
                                  getConfig: conf, getCorename: core))
    }
}

/// Shorthand for the raw buffers every kernel works on (llm.c style: explicit memory, explicit sizes).
public typealias Ptr<T> = UnsafeMutablePointer<T>

/// The floating-point types the model runs in: `Float` for training and decoding, `Double` for
/// finite-difference gradient checks. One generic core serves both, so the code that is gradient-checked
/// in Double is the code that trains in Float (no second implementation to drift).
public protocol ModelScalar: BinaryFloatingPoint, Sendable {
    /// `C[m×n] = alpha·op(A)·op(B) + beta·C` through BLAS (`sgemm`/`dgemm`), row-major.
    static func blasGemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Self,
                         a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
                         beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
    static func exp(_ x: Self) -> Self
    static func log(_ x: Self) -> Self
    static func erf(_ x: Self) -> Self
}

extension Float: ModelScalar {
    @inline(__always)
    public static func blasGemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                                a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                                beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        OpenBLAS.functions.sgemm(OpenBLAS.rowMajor, OpenBLAS.op(transA), OpenBLAS.op(transB),
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
    @inline(__always) public static func exp(_ x: Float) -> Float { Foundation.exp(x) }
    @inline(__always) public static func log(_ x: Float) -> Float { Foundation.log(x) }
    @inline(__always) public static func erf(_ x: Float) -> Float { Foundation.erf(x) }
}

extension Double: ModelScalar {
    @inline(__always)
    public static func blasGemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Double,
                                a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                                beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
        OpenBLAS.functions.dgemm(OpenBLAS.rowMajor, OpenBLAS.op(transA), OpenBLAS.op(transB),
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
    @inline(__always) public static func exp(_ x: Double) -> Double { Foundation.exp(x) }
    @inline(__always) public static func log(_ x: Double) -> Double { Foundation.log(x) }
    @inline(__always) public static func erf(_ x: Double) -> Double { Foundation.erf(x) }
}

/// Which matrix-product kernels the model uses: OpenBLAS, or the plain loops of `Reference.swift`
/// (the algorithmic reference the BLAS path is tested against).
public enum Backend: String, Sendable, Codable { case blas, naive }

/// How the two cores are used. `threads` workers split large products by rows (each worker calls BLAS
/// single-threaded on its slice) and attention by (batch, head); OpenBLAS's own threading is switched off
/// while the model runs, so nothing oversubscribes. Splitting only over output rows/columns, never over the
/// summed dimension, keeps results bit-identical for any thread count.
public enum Parallelism {
    /// Sets OpenBLAS's own thread count (1 while our workers split the work).
    public static func setBLASThreads(_ n: Int) { OpenBLAS.functions.setNumThreads(Int32(max(1, n))) }
    public static var blasThreads: Int { Int(OpenBLAS.functions.getNumThreads()) }
    /// The OpenBLAS build string and kernel family, e.g. "OpenBLAS 0.3.21 ... Haswell".
    public static var blasDescription: String {
        let f = OpenBLAS.functions
        return String(cString: f.getConfig()!) + " core=" + String(cString: f.getCorename()!)
    }
    /// Whether OpenBLAS can be loaded (the `.blas` backend needs it; `.naive` does not).
    public static var blasAvailable: Bool { OpenBLAS.available }
    /// Default worker count: the active cores (2 on this project's machines).
    public static var defaultThreads: Int { max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8)) }
}

/// `C[m×n] = alpha·op(A)·op(B) + beta·C`, row-major, with `op(X) = Xᵀ` when `transX`.
/// Dispatches to BLAS or to the naive reference; with `threads > 1` and enough work, splits the rows of C
/// (or its columns when m is small, as in batch-1 decoding) over `threads` workers.
/// Complexity: 2·m·n·k flops.
@inline(__always)
func gemm<T: ModelScalar>(_ be: Backend, threads: Int = 1, transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
                          alpha: T = 1, a: Ptr<T>, lda: Int, b: Ptr<T>, ldb: Int,
                          beta: T, c: Ptr<T>, ldc: Int) {
    if m == 0 || n == 0 { return }
    if be == .naive {
        naiveGemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb,
                  beta: beta, c: c, ldc: ldc)
        return
    }
    let work = m * n * k
    if threads <= 1 || work < 1 << 16 || (m < 2 && n < 64) {
        T.blasGemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb,
                   beta: beta, c: c, ldc: ldc)
        return
    }
    nonisolated(unsafe) let a = a, b = b, c = c
    if m >= 2 * threads || m >= n {
        // Split rows of C: rows of op(A). Row i of op(A) starts at a + i·lda (no trans) or a + i (trans).
        let chunk = (m + threads - 1) / threads
        DispatchQueue.concurrentPerform(iterations: threads) { w in
            let r0 = w * chunk, r1 = min(m, r0 + chunk)
            if r0 >= r1 { return }
            T.blasGemm(transA: transA, transB: transB, m: r1 - r0, n: n, k: k, alpha: alpha,
                       a: a + (transA ? r0 : r0 * lda), lda: lda, b: b, ldb: ldb, beta: beta,
                       c: c + r0 * ldc, ldc: ldc)
        }
    } else {
        // Split columns of C: columns of op(B). Column j of op(B) starts at b + j (no trans) or b + j·ldb (trans).
        let chunk = ((n + threads - 1) / threads + 15) / 16 * 16
        DispatchQueue.concurrentPerform(iterations: threads) { w in
            let c0 = w * chunk, c1 = min(n, c0 + chunk)
            if c0 >= c1 { return }
            T.blasGemm(transA: transA, transB: transB, m: m, n: c1 - c0, k: k, alpha: alpha, a: a, lda: lda,
                       b: b + (transB ? c0 * ldb : c0), ldb: ldb, beta: beta, c: c + c0, ldc: ldc)
        }
    }
}

/// Runs `body(i)` for i in 0..<count on `threads` workers (serially when threads ≤ 1). Each index must write
/// disjoint memory; the results then do not depend on the thread count.
@inline(__always)
func parallelFor(_ count: Int, threads: Int, _ body: (Int) -> Void) {
    if threads <= 1 || count <= 1 {
        for i in 0..<count { body(i) }
        return
    }
    withoutActuallyEscaping(body) { body in
        nonisolated(unsafe) let body = body
        let workers = min(threads, count)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var i = w
            while i < count { body(i); i += workers }
        }
    }
}

extension Parallelism {
    /// Best-of-5 GFLOP/s of `C[m×n] = A[m×k]·B[k×n]` in Float through the model's `gemm` path (OpenBLAS, split
    /// over `threads` workers as the model splits it). For benchmarks: the measured ceiling the model's
    /// achieved FLOP rate is compared with.
    public static func measureSgemm(m: Int, n: Int, k: Int, threads: Int) -> Double {
        let a = Slab<Float>(m * k), b = Slab<Float>(k * n), c = Slab<Float>(m * n)
        for i in 0..<a.count { a[i] = Float(i % 7) * 0.1 }
        for i in 0..<b.count { b[i] = Float(i % 5) * 0.1 }
        func once() { gemm(Backend.blas, threads: threads, transA: false, transB: false, m: m, n: n, k: k, a: a.p, lda: k, b: b.p, ldb: n, beta: 0, c: c.p, ldc: n) }
        once()
        var reps = 1
        while true {
            let t0 = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<reps { once() }
            if Double(DispatchTime.now().uptimeNanoseconds - t0) > 1e8 || reps > 1 << 20 { break }
            reps *= 2
        }
        var best = Double.infinity
        for _ in 0..<5 {
            let t0 = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<reps { once() }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9 / Double(reps))
        }
        return 2 * Double(m) * Double(n) * Double(k) / best / 1e9
    }

    /// Nominal single-precision FMA peak in GFLOP/s per core: clock (from /proc/cpuinfo) × 8 lanes × 2 FMA
    /// units × 2 flops, or × 16 lanes with AVX-512. Nil where the clock is not reported.
    public static var nominalPeakPerCore: Double? {
        guard let s = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
        let lines = s.split(separator: "\n")
        guard let mhzLine = lines.first(where: { $0.hasPrefix("cpu MHz") }),
              let mhz = Double(mhzLine.split(separator: ":").last!.trimmingCharacters(in: .whitespaces)) else { return nil }
        let avx512 = lines.first(where: { $0.hasPrefix("flags") })?.contains("avx512f") ?? false
        return mhz / 1000 * (avx512 ? 16 : 8) * 2 * 2
    }
}
