import Foundation
import Exact
import LieGroups

/// `lagrangify-bench lie [quick] [--only "NAME;NAME…"] [--binary PATH]` (`--only`: cases whose name contains one of the
/// semicolon-separated substrings, e.g. `--only "singlets;(1,1,0"`): the same representation-theory cases through lagrangify and
/// through LiE (/usr/bin/lie), each as a whole process (start-up included, the goal of issue 3), plus our in-process
/// time. Every case also checks that both tools agree (singlet counts, or the full decomposition). Short cases are
/// sampled 31 times, ours and LiE alternating (`wholeProcess`).
enum LieSuite {
    struct Case {
        let name: String
        let group: String         // our name
        let expression: String    // our expression
        let singlets: Bool        // --singlets (compare one number) or the full decomposition
        let lie: String           // LiE script printing the same thing
    }

    static let cases: [Case] = [
        Case(name: "SU3 (60,50)x(40,55)", group: "SU3", expression: "(60,50) x (40,55)", singlets: false,
             lie: "tensor([60,50],[40,55],A2)"),
        Case(name: "E8 248x3875x30380", group: "E8", expression: "248 x 3875 x 30380", singlets: false,
             lie: "tensor(tensor([0,0,0,0,0,0,0,1],[1,0,0,0,0,0,0,0],E8),X[0,0,0,0,0,0,1,0],E8)"),
        Case(name: "SO10 (1,1,0,1,1)x(0,1,1,0,0)", group: "SO10", expression: "(1,1,0,1,1) x (0,1,1,0,0)", singlets: false,
             lie: "tensor([1,1,0,1,1],[0,1,1,0,0],D5)"),
        Case(name: "SO10 (3,2,1,2,2)x(2,2,2,1,3)", group: "SO10", expression: "(3,2,1,2,2) x (2,2,2,1,3)",
             singlets: false, lie: "tensor([3,2,1,2,2],[2,2,2,1,3],D5)"),
        Case(name: "SU2 2^40 singlets", group: "SU2", expression: "2^40", singlets: true,
             lie: "p=X[1]; t=p; for i=2 to 40 do t=tensor(t,p,A1) od; t|[0]"),
        Case(name: "SU3 3^30 singlets", group: "SU3", expression: "3^30", singlets: true,
             lie: "p=X[1,0]; t=p; for i=2 to 30 do t=tensor(t,p,A2) od; t|[0,0]"),
        Case(name: "SU3 8^20 singlets", group: "SU3", expression: "8^20", singlets: true,
             lie: "p=X[1,1]; t=p; for i=2 to 20 do t=tensor(t,p,A2) od; t|[0,0]"),
        Case(name: "E8 248^6 singlets", group: "E8", expression: "248^6", singlets: true,
             lie: "p=X[0,0,0,0,0,0,0,1]; t=p; for i=2 to 6 do t=tensor(t,p,E8) od; t|[0,0,0,0,0,0,0,0]"),
        Case(name: "SU5 24^20 full", group: "SU5", expression: "24^20", singlets: false,
             lie: "p=X[1,0,0,1]; t=p; for i=2 to 20 do t=tensor(t,p,A4) od; t"),
        Case(name: "E8 Sym^8(248)", group: "E8", expression: "Sym^8(248)", singlets: false,
             lie: "sym_tensor(8,[0,0,0,0,0,0,0,1],E8)"),
        Case(name: "E8 Sym^10(248) singlets", group: "E8", expression: "Sym^10(248)", singlets: true,
             lie: "sym_tensor(10,[0,0,0,0,0,0,0,1],E8)|[0,0,0,0,0,0,0,0]"),
        Case(name: "SU3 S[3,2,1](8)", group: "SU3", expression: "S[3,2,1](8)", singlets: false,
             lie: "plethysm([3,2,1],[1,1],A2)"),
    ]

    static func run(_ args: [String]) {
        let quick = args.contains("quick")
        var binary = ".build/release/lagrangify"
        if let i = args.firstIndex(of: "--binary"), i + 1 < args.count { binary = args[i + 1] }
        let haveBinary = FileManager.default.isExecutableFile(atPath: binary)
        let haveLiE = FileManager.default.isExecutableFile(atPath: "/usr/bin/lie")
        if !haveBinary { print("lie: \(binary) not found (build with swift build -c release); whole-process ours skipped") }
        if !haveLiE { print("lie: /usr/bin/lie not found (apt-get install lie); baseline skipped") }
        let runs = quick ? 1 : 3
        var selected = quick ? Array(cases.prefix(4)) : cases
        if let i = args.firstIndex(of: "--only"), i + 1 < args.count {
            let parts = args[i + 1].split(separator: ";").map(String.init)
            selected = cases.filter { c in parts.contains { c.name.contains($0) } }
        }
        for c in selected {
            let g = try! SimpleLieAlgebra.parse(c.group)
            let expr = try! RepresentationExpression.parse(c.expression, in: g)
            // In-process: fresh caches matter little here (the cases are dominated by the folds).
            var inProcess: Decomposition? = nil
            var singlets: BigInt? = nil
            let tIn = Bench.measure(warmup: 0, runs: runs) {
                if c.singlets { singlets = try! expr.singlets(in: g) } else { inProcess = try! expr.evaluate(in: g) }
            }
            var extra: [String: String] = ["in_process_s": String(format: "%.6g", tIn)]
            var agree = "unchecked"
            var oursText = "", lieText = ""
            // `--format lie` prints what LiE prints (labels and multiplicities, no names), so both processes
            // produce the same text; `--format json` adds names and dimensions (the naming search, measured apart).
            let flags = c.singlets ? ["--singlets"] : ["--format", "lie"]
            let oursRun = { oursText = runProcess(binary, ["decompose", c.group, c.expression] + flags, stdin: nil) }
            let lieRun = { lieText = runProcess("/usr/bin/lie", [], stdin: c.lie + "\n") }
            let (oursProcess, lieTime) = wholeProcess(ours: haveBinary ? oursRun : nil, lie: haveLiE ? lieRun : nil,
                                                      runs: runs, extra: &extra)
            if haveBinary { extra["ours_output_bytes"] = String(oursText.utf8.count) }
            if haveLiE {
                if c.singlets {
                    agree = String(lieText.filter { !$0.isWhitespace } == singlets!.description)
                } else {
                    // Same terms as our library, and (with our binary) the same text as ours, whitespace aside.
                    agree = String(parseLiE(lieText) == inProcess!.multiplicities
                                   && (!haveBinary || lieText.filter { !$0.isWhitespace } == oursText.filter { !$0.isWhitespace }))
                }
            }
            extra["agree_with_LiE"] = agree
            let ours = oursProcess ?? tIn
            extra["ours_measure"] = oursProcess == nil ? "in-process" : "whole-process"
            Bench.report(Bench.Result(suite: "lie", name: c.name, medianSeconds: ours,
                                      baselineName: lieTime == nil ? nil : "LiE", baselineSeconds: lieTime, extra: extra))
        }
    }

    /// Whole-process medians of ours and LiE, each run once first; a case whose processes both take under 50 ms is
    /// then sampled `shortRuns` times, ours and LiE alternating, so that drift in the machine's load hits both alike
    /// (3 samples of a 4 ms process moved the ratio by ±20% between runs). Longer cases keep `runs` samples each.
    static let shortRuns = 31
    static func wholeProcess(ours: (() -> Void)?, lie: (() -> Void)?, runs: Int,
                             extra: inout [String: String]) -> (ours: Double?, lie: Double?) {
        func time(_ body: () -> Void) -> Double {
            let t0 = DispatchTime.now().uptimeNanoseconds
            body()
            return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        }
        var a: [Double] = [], b: [Double] = []
        if let ours { a.append(time(ours)) }
        if let lie { b.append(time(lie)) }
        let short = (a + b).allSatisfy { $0 < 0.05 }
        let n = short && runs > 1 ? shortRuns : runs
        for _ in 1..<max(1, n) {
            if let ours { a.append(time(ours)) }
            if let lie { b.append(time(lie)) }
        }
        extra["process_samples"] = String(n)
        func median(_ x: [Double]) -> Double? { x.isEmpty ? nil : x.sorted()[x.count / 2] }
        return (median(a), median(b))
    }

    /// Runs a process to completion and returns its standard output. posix_spawn with two pipes, not Foundation's
    /// `Process`: that one cost ~50 ms per launch here (measured: LiE's 10 ms plethysm took 63 ms through it), which
    /// hid both tools' real whole-process times and pushed every light ratio towards 1.
    static func runProcess(_ path: String, _ arguments: [String], stdin: String?) -> String {
        var inPipe: [Int32] = [0, 0], outPipe: [Int32] = [0, 0]
        guard pipe(&inPipe) == 0 else { return "" }
        guard pipe(&outPipe) == 0 else { close(inPipe[0]); close(inPipe[1]); return "" }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        for fd in inPipe + outPipe { posix_spawn_file_actions_addclose(&actions, fd) }
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, nil, argv, environ)
        close(inPipe[0]); close(outPipe[1])
        if rc != 0 { close(inPipe[1]); close(outPipe[0]); return "" }
        if let s = stdin {
            let bytes = Array(s.utf8)
            var off = 0
            while off < bytes.count {
                let n = bytes[off...].withUnsafeBufferPointer { write(inPipe[1], $0.baseAddress, $0.count) }
                if n <= 0 { break }
                off += n
            }
        }
        close(inPipe[1])
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBufferPointer { read(outPipe[0], $0.baseAddress, $0.count) }
            if n <= 0 { break }
            data.append(contentsOf: buffer[0..<n])
        }
        close(outPipe[0])
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return String(decoding: data, as: UTF8.self)
    }

    /// LiE's `c X[labels] + …` output as labels → coefficient.
    static func parseLiE(_ text: String) -> [[Int]: BigInt] {
        let s = Array(text.filter { !$0.isWhitespace })
        var r: [[Int]: BigInt] = [:]
        var i = 0
        while i < s.count {
            var j = i, coefficient = ""
            while j < s.count, s[j] != "X" { coefficient.append(s[j]); j += 1 }
            guard j < s.count, let close = s[j...].firstIndex(of: "]") else { break }
            if coefficient.hasPrefix("+") { coefficient.removeFirst() }
            let labels = String(s[(j + 2)..<close]).split(separator: ",").compactMap { Int($0) }
            r[labels, default: .zero] += BigInt(coefficient.isEmpty ? "1" : coefficient) ?? .zero
            i = close + 1
        }
        return r.filter { !$0.value.isZero }
    }
}
