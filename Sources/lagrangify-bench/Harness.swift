import Foundation

/// A small benchmark harness: warm-up, several timed runs, the median, the ratio against a baseline measured in the
/// same run, and one JSON line per result (prefixed `BENCH `) so scripts can grep it.
///
/// Timing uses the monotonic clock (`DispatchTime`). Each measured closure should do a fixed amount of work and
/// return something derived from it (fed to `blackHole`) so the optimiser cannot drop it.
enum Bench {
    struct Result {
        let suite: String
        let name: String
        let medianSeconds: Double
        let baselineName: String?
        let baselineSeconds: Double?
        let extra: [String: String]

        /// ours / baseline: below 1 is faster than the baseline.
        var ratio: Double? { baselineSeconds.map { medianSeconds / $0 } }
    }

    /// Median wall time of `runs` calls after `warmup` untimed calls.
    static func measure(warmup: Int = 1, runs: Int = 5, _ body: () -> Void) -> Double {
        for _ in 0..<warmup { body() }
        var times: [Double] = []
        for _ in 0..<max(1, runs) {
            let t0 = DispatchTime.now().uptimeNanoseconds
            body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        }
        times.sort()
        return times[times.count / 2]
    }

    /// Times `ours` and `baseline` interleaved in the same run and prints both lines.
    @discardableResult
    static func compare(suite: String, name: String, baselineName: String, warmup: Int = 1, runs: Int = 5,
                        extra: [String: String] = [:], ours: () -> Void, baseline: () -> Void) -> Result {
        let b = measure(warmup: warmup, runs: runs, baseline)
        let o = measure(warmup: warmup, runs: runs, ours)
        let r = Result(suite: suite, name: name, medianSeconds: o, baselineName: baselineName, baselineSeconds: b,
                       extra: extra)
        report(r)
        return r
    }

    static func report(_ r: Result) {
        var human = "\(r.suite)/\(r.name): \(format(r.medianSeconds))"
        if let b = r.baselineSeconds, let n = r.baselineName, let ratio = r.ratio {
            human += "  vs \(n) \(format(b))  ratio \(String(format: "%.3f", ratio))"
        }
        for (k, v) in r.extra.sorted(by: { $0.key < $1.key }) { human += "  \(k)=\(v)" }
        print(human)
        var fields = ["\"suite\":\"\(r.suite)\"", "\"name\":\"\(r.name)\"",
                      "\"median_s\":\(String(format: "%.6g", r.medianSeconds))"]
        if let b = r.baselineSeconds, let n = r.baselineName, let ratio = r.ratio {
            fields += ["\"baseline\":\"\(n)\"", "\"baseline_s\":\(String(format: "%.6g", b))",
                       "\"ratio\":\(String(format: "%.4f", ratio))"]
        }
        for (k, v) in r.extra.sorted(by: { $0.key < $1.key }) { fields.append("\"\(k)\":\"\(v)\"") }
        print("BENCH {" + fields.joined(separator: ",") + "}")
    }

    static func format(_ s: Double) -> String {
        if s < 1e-3 { return String(format: "%.2f µs", s * 1e6) }
        if s < 1 { return String(format: "%.2f ms", s * 1e3) }
        return String(format: "%.3f s", s)
    }
}

/// Keeps a value alive so the optimiser cannot delete the work that produced it.
@inline(never) func blackHole<T>(_ x: T) { withExtendedLifetime(x) {} }
