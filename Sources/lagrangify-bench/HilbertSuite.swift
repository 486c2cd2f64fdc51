import Foundation
import Exact
import HilbertSeries

/// Suite `hilbert`: SMEFT operator counts by Hilbert series, ours against BasisGen (Scripts/peers-hilbert.sh) on the
/// same cases in the same run. Arguments: `[quick]` (dimensions 5–8 only), `[--peer-timeout S]` (default 600 s per
/// peer case; a case that times out is reported without a ratio), `[--no-peer]`.
///
/// Ours is timed in-process (median of 3 after a warm-up; the counter recomputes everything each call, no cache
/// survives between calls). BasisGen is timed inside Python after import (its own `seconds`), once per case, so its
/// interpreter start-up is not charged to it. Counts are compared: a disagreement is printed and flagged in the JSON.
enum HilbertSuite {
    static func smFields(_ nf: Int) -> [CountField] {
        func f(_ n: String, _ t: LorentzType, _ su3: [Int], _ su2: [Int], _ y: Rational, _ fl: Int) -> CountField {
            CountField(name: n, lorentz: t, gaugeLabels: [su3, su2], charges: [y], flavours: fl)
        }
        let g = GaugeGroup.standardModel
        return [
            f("Q", .leftWeyl, [1, 0], [1], Rational(1, 6), nf), f("u", .leftWeyl, [0, 1], [0], Rational(-2, 3), nf),
            f("d", .leftWeyl, [0, 1], [0], Rational(1, 3), nf), f("L", .leftWeyl, [0, 0], [1], Rational(-1, 2), nf),
            f("e", .leftWeyl, [0, 0], [0], Rational(1), nf), f("H", .scalar, [0, 0], [1], Rational(1, 2), 1),
            .fieldStrength(name: "G", of: g, factor: 0), .fieldStrength(name: "W", of: g, factor: 1),
            .fieldStrength(name: "B", of: g, factor: nil),
        ]
    }

    static func run(_ args: [String]) {
        let quick = args.contains("quick"), usePeer = !args.contains("--no-peer")
        var peerTimeout = 600.0
        if let i = args.firstIndex(of: "--peer-timeout"), i + 1 < args.count, let t = Double(args[i + 1]) { peerTimeout = t }
        let dims = quick ? Array(5...8) : Array(5...12)
        var peerAlive = usePeer
        for nf in [1, 3] {
            // The peer gets slower with dimension; once one case times out, skip its higher dimensions.
            var peerGaveUp = false
            for d in dims {
                let counter = try! OperatorCounter(group: .standardModel, fields: smFields(nf))
                var ours = 0
                let t = Bench.measure(warmup: 1, runs: 3) { ours = try! counter.count(maxDimension: d).total(dimension: d) }
                var extra = ["operators": "\(ours)", "generations": "\(nf)", "dimension": "\(d)"]
                var peerSeconds: Double? = nil
                if peerAlive && !peerGaveUp {
                    switch runPeer(dimension: d, generations: nf, timeout: peerTimeout) {
                    case .ok(let n, let s):
                        peerSeconds = s
                        extra["peer_operators"] = "\(n)"
                        extra["agree"] = n == ours ? "yes" : "NO"
                        if n != ours { print("hilbert: DISAGREEMENT d=\(d) nf=\(nf): ours \(ours), basisgen \(n)") }
                    case .timedOut:
                        extra["peer"] = "basisgen timed out after \(Int(peerTimeout)) s"
                        peerGaveUp = true
                    case .unavailable(let why):
                        print("hilbert: peer skipped: \(why)")
                        peerAlive = false
                    }
                }
                Bench.report(Bench.Result(suite: "hilbert", name: "smeft-d\(d)-nf\(nf)", medianSeconds: t,
                                          baselineName: peerSeconds == nil ? nil : "basisgen",
                                          baselineSeconds: peerSeconds, extra: extra))
            }
        }
    }

    enum PeerResult { case ok(Int, Double), timedOut, unavailable(String) }

    /// Runs Scripts/peers-hilbert.sh DIM NF (from the repository root or $LAGRANGIFY_ROOT).
    static func runPeer(dimension d: Int, generations nf: Int, timeout: Double) -> PeerResult {
        let root = ProcessInfo.processInfo.environment["LAGRANGIFY_ROOT"] ?? FileManager.default.currentDirectoryPath
        let script = root + "/Scripts/peers-hilbert.sh"
        guard FileManager.default.isExecutableFile(atPath: script) else { return .unavailable("\(script) not found") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: script)
        p.arguments = [String(d), String(nf)]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return .unavailable("cannot run \(script): \(error)") }
        let deadline = Date().addingTimeInterval(timeout + 120)   // + install time on first use
        while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if p.isRunning { p.terminate(); p.waitUntilExit(); return .timedOut }
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard let line = text.split(separator: "\n").last,
              let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            return .unavailable("no output from \(script)")
        }
        if let e = obj["error"] as? String { return .unavailable(e) }
        guard let n = obj["operators"] as? Int, let s = obj["seconds"] as? Double else {
            return .unavailable("unexpected output: \(line)")
        }
        if s > timeout { return .timedOut }
        return .ok(n, s)
    }
}
