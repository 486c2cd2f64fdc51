// y = x·Wᵀ + b for the handful of rows of one decoding step (Float only), without BLAS.
//
// Why: a batched decoding step multiplies R ≤ 32 rows (16 per worker) by every weight matrix. OpenBLAS packs the
// whole weight matrix into its panel layout on every call, and at so few rows the packing costs as much as the
// product: 21% of a batch-32 decoding step against 24% in its kernel (perf, BENCHMARKS.md). Here W stays as
// PyTorch stores it, [OC × IC] row-major, so each output is a dot product of two contiguous rows: a 2-row × 4-output
// tile keeps 8 eight-lane accumulators in registers and streams W once per call (x is re-read for every 4 outputs,
// from L1 or L2: 16 KiB at 16 rows of 256, 64 KiB at 16 rows of 1024). `linearForward` in Linear.swift is the
// reference it is tested against (`SmallLinearTests`); `lagrangify-bench transformer kernels` measures both on the
// decoder's shapes.

public enum SmallLinear {
    typealias V8 = SIMD8<Float>

    /// Steps with at most this many rows use `forward`; larger ones go to BLAS, whose packing then pays off. Chosen by
    /// measurement (`lagrangify-bench transformer kernels`, hot weights): 1 row 5–7× faster than OpenBLAS, 16 rows
    /// 0.72–0.89 of its time, 32 rows 0.94–1.21. A variable so that the decoding benchmark can compare both in one run.
    nonisolated(unsafe) public static var maxRows = 16

    /// Σ of the lanes as a tree (3 dependent adds instead of 7).
    @inline(__always)
    static func hsum(_ v: V8) -> Float {
        let h = v.lowHalf + v.highHalf
        let q = h.lowHalf + h.highHalf
        return q[0] + q[1]
    }

    /// out[R × OC] = x[R × IC]·Wᵀ + b, W [OC × IC] row-major; out must not alias x.
    public static func forward(_ out: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>,
                        _ b: UnsafePointer<Float>, rows R: Int, in IC: Int, out OC: Int) {
        let K8 = IC & ~7
        var o = 0
        while o + 4 <= OC {
            let w0 = w + o * IC, w1 = w0 + IC, w2 = w1 + IC, w3 = w2 + IC
            var r = 0
            while r + 2 <= R {
                let x0 = x + r * IC, x1 = x0 + IC
                var a00 = V8(), a01 = V8(), a02 = V8(), a03 = V8()
                var a10 = V8(), a11 = V8(), a12 = V8(), a13 = V8()
                var k = 0
                while k < K8 {
                    let u = FastMath.load(x0 + k), v = FastMath.load(x1 + k)
                    let c0 = FastMath.load(w0 + k), c1 = FastMath.load(w1 + k), c2 = FastMath.load(w2 + k), c3 = FastMath.load(w3 + k)
                    a00.addProduct(u, c0); a01.addProduct(u, c1); a02.addProduct(u, c2); a03.addProduct(u, c3)
                    a10.addProduct(v, c0); a11.addProduct(v, c1); a12.addProduct(v, c2); a13.addProduct(v, c3)
                    k += 8
                }
                var s00 = hsum(a00), s01 = hsum(a01), s02 = hsum(a02), s03 = hsum(a03)
                var s10 = hsum(a10), s11 = hsum(a11), s12 = hsum(a12), s13 = hsum(a13)
                while k < IC {
                    let u = x0[k], v = x1[k]
                    s00 += u * w0[k]; s01 += u * w1[k]; s02 += u * w2[k]; s03 += u * w3[k]
                    s10 += v * w0[k]; s11 += v * w1[k]; s12 += v * w2[k]; s13 += v * w3[k]
                    k += 1
                }
                let y0 = out + r * OC + o, y1 = y0 + OC
                y0[0] = s00 + b[o]; y0[1] = s01 + b[o + 1]; y0[2] = s02 + b[o + 2]; y0[3] = s03 + b[o + 3]
                y1[0] = s10 + b[o]; y1[1] = s11 + b[o + 1]; y1[2] = s12 + b[o + 2]; y1[3] = s13 + b[o + 3]
                r += 2
            }
            if r < R {   // the odd last row
                let x0 = x + r * IC
                var a0 = V8(), a1 = V8(), a2 = V8(), a3 = V8()
                var k = 0
                while k < K8 {
                    let u = FastMath.load(x0 + k)
                    a0.addProduct(u, FastMath.load(w0 + k)); a1.addProduct(u, FastMath.load(w1 + k))
                    a2.addProduct(u, FastMath.load(w2 + k)); a3.addProduct(u, FastMath.load(w3 + k))
                    k += 8
                }
                var s0 = hsum(a0), s1 = hsum(a1), s2 = hsum(a2), s3 = hsum(a3)
                while k < IC { s0 += x0[k] * w0[k]; s1 += x0[k] * w1[k]; s2 += x0[k] * w2[k]; s3 += x0[k] * w3[k]; k += 1 }
                let y0 = out + r * OC + o
                y0[0] = s0 + b[o]; y0[1] = s1 + b[o + 1]; y0[2] = s2 + b[o + 2]; y0[3] = s3 + b[o + 3]
            }
            o += 4
        }
        while o < OC {   // the last OC % 4 outputs
            let w0 = w + o * IC
            for r in 0..<R {
                let x0 = x + r * IC
                var a = V8(), k = 0
                while k < K8 { a.addProduct(FastMath.load(x0 + k), FastMath.load(w0 + k)); k += 8 }
                var s = hsum(a)
                while k < IC { s += x0[k] * w0[k]; k += 1 }
                out[r * OC + o] = s + b[o]
            }
            o += 1
        }
    }
}

extension SmallLinear {
    /// The same product through OpenBLAS on one thread (`linearForward`): the benchmark's baseline.
    public static func blas(_ out: UnsafeMutablePointer<Float>, _ x: UnsafeMutablePointer<Float>, _ w: UnsafeMutablePointer<Float>,
                            _ b: UnsafeMutablePointer<Float>, rows R: Int, in IC: Int, out OC: Int) {
        linearForward(.blas, threads: 1, out, x, w, b, n: R, in: IC, out: OC)
    }
}

/// The decoder's linear layer: `SmallLinear` for a step's few rows, else `linearForward` (BLAS, or the naive
/// backend when a test asks for it).
@inline(__always)
func decoderLinear(_ be: Backend, threads: Int, _ out: Ptr<Float>, _ inp: Ptr<Float>, _ w: Ptr<Float>, _ b: Ptr<Float>,
                   n N: Int, in IC: Int, out OC: Int) {
    if be == .blas && N <= SmallLinear.maxRows && threads <= 1 {
        SmallLinear.forward(out, inp, w, b, rows: N, in: IC, out: OC)
    } else {
        linearForward(be, threads: threads, out, inp, w, b, n: N, in: IC, out: OC)
    }
}
