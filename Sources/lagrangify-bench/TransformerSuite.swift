import Foundation
import Transformer

/// `transformer` suite: training and greedy-decoding throughput of our BART implementation on the shapes of
/// /work/shared/bench/torch_bart_bench.py (B 16, S 48, T 512; decoding 1 and 32 sequences × 512 tokens, EOS
/// suppressed), the achieved GFLOP/s (analytic FLOP model of torch_bart_bench.py) beside the measured sgemm
/// ceiling, and two ways of using the two cores: OpenBLAS threads alone, or our workers with OpenBLAS at 1 thread.
///
/// Args: [quick] [decode] [kernels] [--config tiny|small|both] [--decode-len N] [--batch B] [--decode-batch R] [--tgt-len T]
/// `decode` runs only the decoding rows (no sgemm ceiling, no training): for profiling the decoder.
/// `kernels`: the vectorised GELU/exp against their libm loops, and the decoder's small-row product against OpenBLAS.
enum TransformerSuite {
    static func run(_ args: [String]) {
        var configs = ["tiny", "small"], quick = false, decodeOnly = false, decodeLen = 512, B = 16, S = 48, T = 512, decodeBatch = 32
        var i = 0
        while i < args.count {
            switch args[i] {
            case "quick": quick = true
            case "attention": attentionKernels(); return
            case "kernels": elementKernels(); smallGemm(); return
            case "decode": decodeOnly = true
            case "--decode-batch": i += 1; decodeBatch = Int(args[i])!
            case "--config": i += 1; configs = args[i] == "both" ? ["tiny", "small"] : [args[i]]
            case "--decode-len": i += 1; decodeLen = Int(args[i])!
            case "--batch": i += 1; B = Int(args[i])!
            case "--tgt-len": i += 1; T = Int(args[i])!
            default: print("unknown argument \(args[i])"); exit(64)
            }
            i += 1
        }
        if quick { decodeLen = 64; T = 128; decodeBatch = 8 }
        print("# \(Parallelism.blasDescription); cores \(ProcessInfo.processInfo.activeProcessorCount); OPENBLAS_CORETYPE=\(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? "(unset)")")

        if decodeOnly {
            for name in configs { decoding(name, S: S, decodeLen: decodeLen, decodeBatch: decodeBatch, quick: quick) }
            return
        }
        // The ceiling: sgemm on a large square and on the model's largest shapes, 1 and 2 threads.
        Parallelism.setBLASThreads(1)
        let peak1 = Parallelism.measureSgemm(m: 1024, n: 1024, k: 1024, threads: 1)
        let peak2 = Parallelism.measureSgemm(m: 1024, n: 1024, k: 1024, threads: 2)
        let nominal = Parallelism.nominalPeakPerCore
        report("sgemm_1024_1thread", seconds: 2e-9 * pow(1024, 3) / peak1, ["gflops": f1(peak1), "nominal_fma_peak_per_core": nominal.map(f1) ?? "?",
                                                                             "fraction_of_nominal": nominal.map { f3(peak1 / $0) } ?? "?"])
        report("sgemm_1024_2threads", seconds: 2e-9 * pow(1024, 3) / peak2, ["gflops": f1(peak2), "fraction_of_nominal": nominal.map { f3(peak2 / (2 * $0)) } ?? "?"])
        for (m, k, n) in [(8192, 256, 768), (8192, 256, 1024), (8192, 1024, 256), (8192, 256, 256)] {
            let g = Parallelism.measureSgemm(m: m, n: n, k: k, threads: 2)
            report("sgemm_\(m)x\(k)x\(n)_2threads", seconds: 2e-9 * Double(m * n * k) / g, ["gflops": f1(g)])
        }

        for name in configs {
            var cfg = ModelConfig.named.first { $0.name == name }!
            cfg.vocabSize = 256
            let flops = FlopModel(cfg, B: B, S: S, T: T)
            print("# \(cfg.summary); train \(f1(flops.trainPerStep / 1e9)) GFLOP/step, decode \(f3(flops.decodePerToken / 1e6)) MFLOP/token")
            // Training: one AdamW step on a fixed random batch, timed as torch_bart_bench.py times it.
            var rng = SplitMix64(seed: 1)
            func seq(_ n: Int) -> [Int32] { (0..<n).map { _ in Int32(3 + Int(rng.next() % 253)) } }
            let ex = (0..<B).map { _ in Example(source: seq(S - 2), target: seq(T - 1)) }   // framed: S and T exactly
            for (label, workers, blas) in [("2workers", 2, 1), ("blas2threads", 1, 2)] {
                Parallelism.setBLASThreads(blas)
                var o = TrainingOptions(); o.tokenBudget = B * max(S, T); o.maxBatch = B
                let tr = try! Trainer(config: cfg, options: o, examples: ex, threads: workers)
                let sec = Bench.measure(warmup: 1, runs: quick ? 2 : 3) { tr.step() }
                let tokens = Double(B * T)
                report("\(name)_train_\(label)", seconds: sec, ["target_tok_s": f0(tokens / sec), "gflops": f1(flops.trainPerStep / sec / 1e9),
                                                                "fraction_of_sgemm_peak": f3(flops.trainPerStep / sec / 1e9 / peak2),
                                                                "batch": "\(B)x\(S)->\(T)"])
            }
            decoding(name, S: S, decodeLen: decodeLen, decodeBatch: decodeBatch, quick: quick)
        }
        Parallelism.setBLASThreads(Parallelism.defaultThreads)
    }

    /// Greedy decoding with the KV cache, fixed length (EOS suppressed), 1 sequence and a batch.
    static func decoding(_ name: String, S: Int, decodeLen: Int, decodeBatch: Int, quick: Bool) {
        var cfg = ModelConfig.named.first { $0.name == name }!
        cfg.vocabSize = 256
        let flops = FlopModel(cfg, B: 1, S: S, T: decodeLen)
        var rng = SplitMix64(seed: 1)
        func seq(_ n: Int) -> [Int32] { (0..<n).map { _ in Int32(3 + Int(rng.next() % 253)) } }
        let model = Seq2SeqModel<Float>(config: cfg, seed: 2)
        for (rows, label) in [(1, "decode1"), (decodeBatch, "decode\(decodeBatch)")] {
            for (wlabel, workers, blas, small) in [("1thread", 1, 1, 16), ("1thread_openblas_only", 1, 1, 0), ("2workers", 2, 1, 16), ("2workers_openblas_only", 2, 1, 0)]
                where rows > 1 || workers == 1 {
                Parallelism.setBLASThreads(blas)
                SmallLinear.maxRows = small   // 0: every product through OpenBLAS (the same-run baseline of SmallLinear)
                defer { SmallLinear.maxRows = 16 }
                model.threads = workers
                let srcs = (0..<rows).map { _ in cfg.frameSource(seq(S - 2)) }
                let dec = Seq2SeqDecoder(model: model, maxRows: rows, maxSource: S, maxLength: decodeLen)
                let opts = DecodingOptions(maxLength: decodeLen, minLength: decodeLen)
                let sec = Bench.measure(warmup: 1, runs: quick ? 2 : 3) { blackHole(dec.greedy(srcs, options: opts)) }
                let toks = Double(rows * decodeLen)
                report("\(name)_\(label)_\(wlabel)", seconds: sec, ["tok_s": f0(toks / sec), "ms_per_step": f3(1e3 * sec / Double(decodeLen)),
                                                                   "gflops": f1(toks * flops.decodePerToken / sec / 1e9)])
            }
        }
        Parallelism.setBLASThreads(Parallelism.defaultThreads)
    }

    /// `transformer kernels`, part 1: FastMath's GELU (forward, backward) and shifted exp against the libm loops they
    /// replaced, on one training step's worth of a layer's FFN activations (4096 tokens × ffn 768).
    static func elementKernels() {
        let n = 4096 * 768
        var rng = SplitMix64(seed: 9)
        func fill(_ count: Int, _ scale: Float) -> UnsafeMutablePointer<Float> {
            let p = UnsafeMutablePointer<Float>.allocate(capacity: count)
            for i in 0..<count { p[i] = scale * (Float(Int(rng.next() % 20001) - 10000) / 10000) }
            return p
        }
        let x = fill(n, 4), y = fill(n, 1), d = fill(n, 1), g = fill(n, 1)
        Bench.compare(suite: "transformer", name: "gelu_forward_fast", baselineName: "libm_erff_loop", runs: 7, extra: ["elements": "\(n)"],
                      ours: { FastMath.gelu(y, x, count: n) }, baseline: { FastMath.geluLibm(y, x, count: n) })
        Bench.compare(suite: "transformer", name: "gelu_backward_fast", baselineName: "libm_erff_expf_loop", runs: 7, extra: ["elements": "\(n)"],
                      ours: { FastMath.geluBackward(g, x, d, count: n) }, baseline: { FastMath.geluBackwardLibm(g, x, d, count: n) })
        // Softmax numerators over rows of 512 (attention over a long target).
        let rows = n / 512
        Bench.compare(suite: "transformer", name: "exp_rows_fast", baselineName: "libm_expf_loop", runs: 7, extra: ["rows": "\(rows)x512"],
                      ours: { for r in 0..<rows { blackHole(FastMath.expShifted(y + r * 512, count: 512, shift: 4)) }; (y).update(from: x, count: n) },
                      baseline: { for r in 0..<rows { blackHole(FastMath.expShiftedLibm(y + r * 512, count: 512, shift: 4)) }; (y).update(from: x, count: n) })
    }

    /// `transformer kernels`, part 2: SmallLinear against OpenBLAS sgemm (through the model's linearForward, one
    /// thread) on the decoder's products of the `small` configuration: 16 rows (one worker's half of a batch of 32),
    /// 32 rows and 1 row.
    static func smallGemm() {
        Parallelism.setBLASThreads(1)
        var rng = SplitMix64(seed: 10)
        func fill(_ count: Int) -> UnsafeMutablePointer<Float> {
            let p = UnsafeMutablePointer<Float>.allocate(capacity: count)
            for i in 0..<count { p[i] = Float(Int(rng.next() % 2001) - 1000) / 1000 }
            return p
        }
        let C = 256, F = 1024, V = 256
        for rows in [16, 32, 1] {
            var oursTotal = 0.0, blasTotal = 0.0
            for (ic, oc, label) in [(C, 3 * C, "qkv"), (C, C, "out"), (C, F, "fc1"), (F, C, "fc2"), (C, V, "logits")] {
                let x = fill(rows * ic), w = fill(oc * ic), b = fill(oc), y = fill(rows * oc)
                let r = Bench.compare(suite: "transformer", name: "small_linear_\(label)_rows\(rows)", baselineName: "openblas_sgemm", runs: 9,
                                      extra: ["shape": "\(rows)x\(ic)->\(oc)"],
                                      ours: { for _ in 0..<20 { SmallLinear.forward(y, x, w, b, rows: rows, in: ic, out: oc) } },
                                      baseline: { for _ in 0..<20 { SmallLinear.blas(y, x, w, b, rows: rows, in: ic, out: oc) } })
                oursTotal += r.medianSeconds; blasTotal += r.baselineSeconds ?? 0
            }
            print("BENCH {\"suite\":\"transformer\",\"name\":\"small_linear_layer_rows\(rows)\",\"ratio\":\(String(format: "%.4f", oursTotal / blasTotal))}")
        }
        Parallelism.setBLASThreads(Parallelism.defaultThreads)
    }

    /// `transformer attention`: the decoder's SIMD single-query attention against its scalar reference, interleaved
    /// in one run, at the shapes of a decoding step (32 rows × 8 heads, head width 32, 256 cached keys of stride 256).
    static func attentionKernels() {
        let rows = 32 * 8, hd = 32, keys = 256, ld = 256
        var rng = SplitMix64(seed: 5)
        func fill(_ n: Int) -> UnsafeMutablePointer<Float> {
            let p = UnsafeMutablePointer<Float>.allocate(capacity: n)
            for i in 0..<n { p[i] = Float(Int(rng.next() % 2001) - 1000) / 1000 }
            return p
        }
        let q = fill(rows * 64), k = fill(keys * ld), v = fill(keys * ld), out = fill(rows * 64), sc = fill(keys)
        let scale = 1 / Float(hd).squareRoot()   // the scale does not change the cost
        for (hdw, label) in [(32, "hd32"), (64, "hd64")] {
            Bench.compare(suite: "transformer", name: "decoder_attention_simd_\(label)", baselineName: "scalar_reference", runs: 7,
                          extra: ["rows": "\(rows)", "keys": "\(keys)"],
                          ours: { for r in 0..<rows { DecoderKernels.attention(out + r * hdw, sc, q: q + r * hdw, k: k + (r % 8) * hdw, v: v + (r % 8) * hdw, ld: ld, keys: keys, hd: hdw, scale: scale) } },
                          baseline: { for r in 0..<rows { DecoderKernels.attentionReference(out + r * hdw, sc, q: q + r * hdw, k: k + (r % 8) * hdw, v: v + (r % 8) * hdw, ld: ld, keys: keys, hd: hdw, scale: scale) } })
            Bench.compare(suite: "transformer", name: "decoder_attention_tile_\(label)", baselineName: "simd8", runs: 7,
                          extra: ["rows": "\(rows)", "keys": "\(keys)"],
                          ours: { for r in 0..<rows { DecoderKernels.attention(out + r * hdw, sc, q: q + r * hdw, k: k + (r % 8) * hdw, v: v + (r % 8) * hdw, ld: ld, keys: keys, hd: hdw, scale: scale) } },
                          baseline: { for r in 0..<rows { DecoderKernels.attentionSIMD8(out + r * hdw, sc, q: q + r * hdw, k: k + (r % 8) * hdw, v: v + (r % 8) * hdw, ld: ld, keys: keys, hd: hdw, scale: scale) } })
        }
    }

    static func report(_ name: String, seconds: Double, _ extra: [String: String]) {
        Bench.report(Bench.Result(suite: "transformer", name: name, medianSeconds: seconds, baselineName: nil, baselineSeconds: nil, extra: extra))
    }
    static func f0(_ x: Double) -> String { String(format: "%.0f", x) }
    static func f1(_ x: Double) -> String { String(format: "%.1f", x) }
    static func f3(_ x: Double) -> String { String(format: "%.3f", x) }
}

/// The analytic matmul FLOP count of torch_bart_bench.py's `flops_model` (2·m·n·k per product; attention over
/// the full T×T square; training = 3 × forward), so GFLOP/s figures are comparable with its output.
struct FlopModel {
    let trainPerStep: Double, decodePerToken: Double
    init(_ c: ModelConfig, B: Int, S: Int, T: Int) {
        let d = Double(c.dModel), f = Double(c.ffn), V = Double(c.vocabSize)
        let Le = Double(c.encoderLayers), Ld = Double(c.decoderLayers), s = Double(S), t = Double(T)
        let encTok = Le * (8 * d * d + 4 * d * f + 4 * s * d)
        let decTok = Ld * (8 * d * d + 4 * d * d + 4 * d * f + 4 * t * d + 4 * s * d)
        let crossKV = Ld * 4 * d * d, head = 2 * d * V
        let fwd = Double(B) * s * (encTok + crossKV) + Double(B) * t * (decTok + head)
        trainPerStep = 3 * fwd
        decodePerToken = Ld * (8 * d * d + 4 * d * d + 4 * d * f + 4 * ((t + 1) / 2) * d + 4 * s * d) + head
    }
}
