import Foundation
import Checker
import Lagrangian
import Tokenizer

/// One held-out example: the input and output token sequences of a corpus line.
public struct EvalExample: Sendable {
    public let input: [String]
    public let output: [String]
    public let nFields: Int
    /// The split file it came from ("test_n3", "ood", …).
    public let split: String
}

/// Reads held-out examples from a corpus: a directory (its `test_n<k>.jsonl` and `ood.jsonl`, or the `.src/.tgt`
/// id files when the JSON Lines were not kept) or one `.jsonl` file.
public enum EvalCorpus {
    /// The hypercharge normalisation a corpus declares in its manifest (standard when it says nothing).
    public static func normalisation(of url: URL) -> HyperchargeNormalisation {
        var dir = url
        if !isDirectory(url) { dir = url.deletingLastPathComponent() }
        guard let d = FileManager.default.contents(atPath: dir.appendingPathComponent("manifest.json").path),
              let m = try? JSONSerialization.jsonObject(with: d) as? [String: Any],
              let s = m["hypercharge_normalisation"] as? String else { return .standard }
        return s.hasPrefix("doubled") ? .doubled : .standard
    }

    static func isDirectory(_ url: URL) -> Bool {
        var d: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &d) && d.boolValue
    }

    /// - Parameters:
    ///   - splits: for a directory, which files: "test" (test_n1 … test_n8), "ood", or both.
    ///   - perFields: at most this many examples per number of fields (the first ones in file order; 0 = all).
    public static func load(_ url: URL, splits: [String] = ["test", "ood"], perFields: Int = 0) throws -> [EvalExample] {
        var files: [(URL, String)] = []
        if isDirectory(url) {
            if splits.contains("test") {
                for k in 1...Vocabulary.maxFields { files.append((url.appendingPathComponent("test_n\(k)"), "test_n\(k)")) }
            }
            if splits.contains("ood") { files.append((url.appendingPathComponent("ood"), "ood")) }
        } else {
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw EvaluationError("no corpus at \(url.path); give a corpus directory written by `lagrangify corpus` or one of its .jsonl files")
            }
            files.append((url.deletingPathExtension(), url.deletingPathExtension().lastPathComponent))
        }
        var out: [EvalExample] = []
        var count: [Int: Int] = [:]
        var foundAny = false
        for (base, split) in files {
            let rows: [EvalExample]
            let jsonl = base.appendingPathExtension("jsonl")
            if FileManager.default.fileExists(atPath: jsonl.path) {
                rows = try readJSONLines(jsonl, split: split)
            } else if FileManager.default.fileExists(atPath: base.appendingPathExtension("src").path) {
                rows = try readIdLines(base, split: split)
            } else { continue }
            foundAny = true
            for r in rows {
                if perFields > 0 && count[r.nFields, default: 0] >= perFields { continue }
                count[r.nFields, default: 0] += 1
                out.append(r)
            }
        }
        if !foundAny {
            throw EvaluationError("\(url.path) has no test_n<k>.jsonl, ood.jsonl or .src/.tgt files; write a corpus with `lagrangify corpus --out DIR`")
        }
        return out
    }

    static func readJSONLines(_ url: URL, split: String) throws -> [EvalExample] {
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw EvaluationError("cannot read \(url.path)")
        }
        var out: [EvalExample] = []
        for (i, line) in text.split(separator: "\n").enumerated() {
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let input = obj["input"] as? String, let output = obj["output"] as? String else {
                throw EvaluationError("\(url.lastPathComponent):\(i + 1) is not a corpus line (JSON with \"input\" and \"output\")")
            }
            let inTokens = input.split(separator: " ").map(String.init)
            let n = (obj["n_fields"] as? Int) ?? inTokens.filter { $0 == "FIELD" }.count
            out.append(EvalExample(input: inTokens, output: output.split(separator: " ").map(String.init), nFields: n, split: split))
        }
        return out
    }

    static func readIdLines(_ base: URL, split: String) throws -> [EvalExample] {
        func lines(_ ext: String) throws -> [[String]] {
            let u = base.appendingPathExtension(ext)
            guard let d = FileManager.default.contents(atPath: u.path), let s = String(data: d, encoding: .utf8) else {
                throw EvaluationError("cannot read \(u.path)")
            }
            var ls = s.split(separator: "\n", omittingEmptySubsequences: false)
            if ls.last == "" { ls.removeLast() }
            return try ls.enumerated().map { i, l in
                try l.split(separator: " ").map { t in
                    guard let id = Int(t), id >= 0, id < Vocabulary.standard.count else {
                        throw EvaluationError("\(u.lastPathComponent):\(i + 1): '\(t)' is not a vocabulary id")
                    }
                    return Vocabulary.standard.tokens[id]
                }
            }
        }
        let src = try lines("src"), tgt = try lines("tgt")
        guard src.count == tgt.count else { throw EvaluationError("\(base.lastPathComponent).src and .tgt differ in length") }
        return zip(src, tgt).map { EvalExample(input: $0, output: $1, nFields: $0.filter { $0 == "FIELD" }.count, split: split) }
    }
}

/// The outcome of one example.
public struct EvalRecord: Sendable {
    public let nFields: Int
    public let split: String
    /// The output token sequence equals the corpus answer.
    public let exact: Bool
    public let verdict: Verdict
    public let precision: Double
    public let recall: Double
    /// A grammar error, an unreadable term, or a term that is not invariant / has a wrong kind or dimension.
    public let invalid: Bool
    public let seconds: Double
    /// For `.checked`: the greedy-equivalent first hypothesis was wrong and a later one was accepted.
    public let rescued: Bool
    /// The example's input tokens, the reference answer the output was compared with, the model's answer, and the
    /// checker's reasons for a wrong verdict (for error analysis: `lagrangify eval --answers`).
    public var input: [String] = []
    public var reference: [String] = []
    public var answer: [String] = []
    public var reasons: [String] = []
    /// The checker accepts the answer (exact or equivalent).
    public var isCorrect: Bool { exact || verdict != .wrong }
}

extension EvalRecord {
    /// The first line of an answers file: its format and version, checked by readers.
    public static let answersHeader = #"{"format":"lagrangify-eval-answers","format_version":1}"#

    /// One JSON Lines row of an answers file (`lagrangify eval --answers`), with the decoding mode.
    public func answerLine(mode: DecodingMode) -> String {
        let obj: [String: Any] = [
            "mode": mode.rawValue, "split": split, "n_fields": nFields, "input": input.joined(separator: " "),
            "reference": reference.joined(separator: " "), "answer": answer.joined(separator: " "), "exact": exact,
            "verdict": verdict.rawValue, "precision": precision, "recall": recall, "invalid": invalid, "reasons": reasons,
        ]
        let d = try! JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: d, as: UTF8.self)
    }
}

/// Aggregates of the records with one number of fields.
public struct EvalRow: Sendable, Codable, Equatable {
    public var nFields: Int
    public var examples: Int
    public var exact: Double
    public var equivalent: Double
    /// exact + equivalent: the checker accepts the answer.
    public var correct: Double
    public var precision: Double
    public var recall: Double
    public var invalid: Double
    public var msPerExample: Double
    public var rescued: Int

    enum CodingKeys: String, CodingKey {
        case nFields = "n_fields", examples, exact, equivalent, correct, precision, recall
        case invalid = "invalid_share", msPerExample = "ms_per_example", rescued
    }

    public static func summarise(_ records: [EvalRecord]) -> [EvalRow] {
        Dictionary(grouping: records, by: \.nFields).keys.sorted().map { n in
            let rs = records.filter { $0.nFields == n }
            let c = Double(rs.count)
            func share(_ p: (EvalRecord) -> Bool) -> Double { Double(rs.filter(p).count) / c }
            return EvalRow(nFields: n, examples: rs.count,
                           exact: share(\.exact), equivalent: share { !$0.exact && $0.verdict == .equivalent },
                           correct: share(\.isCorrect),
                           precision: rs.map(\.precision).reduce(0, +) / c, recall: rs.map(\.recall).reduce(0, +) / c,
                           invalid: share(\.invalid), msPerExample: 1000 * rs.map(\.seconds).reduce(0, +) / c,
                           rescued: rs.filter(\.rescued).count)
        }
    }
}

/// Runs a model over held-out examples, in batches sorted by source length, and records the checker's verdicts.
public struct Evaluator {
    public let runner: ModelRunner
    public var mode: DecodingMode = .greedy
    public var beam = 4
    public var batch = 16
    public var maxLength = 1024
    public var normalisation: HyperchargeNormalisation = .standard

    public init(runner: ModelRunner) { self.runner = runner }

    /// - Parameter progress: called after each batch with (done, total).
    ///
    /// With a runner of `threads` > 1, that many batches run at once, each on one thread: decoding a batch of 16
    /// rows splits poorly over cores (dozens of small products per token), whole batches split perfectly. Records
    /// do not depend on the thread count; `seconds` is then each batch's own time per example.
    public func run(_ examples: [EvalExample], progress: ((Int, Int) -> Void)? = nil) throws -> [EvalRecord] {
        let order = examples.indices.sorted { (examples[$0].input.count, $0) < (examples[$1].input.count, $1) }
        let per = mode == .checked ? max(1, batch / max(1, beam)) : batch
        let batches = stride(from: 0, to: order.count, by: per).map { Array(order[$0..<min(order.count, $0 + per)]) }
        let workers = min(max(1, runner.model.threads), max(1, batches.count))
        // Plain buffers written at distinct indices by the workers (an Array's setter would race on its storage).
        let records = UnsafeMutableBufferPointer<EvalRecord?>.allocate(capacity: examples.count)
        records.initialize(repeating: nil)
        let failures = UnsafeMutableBufferPointer<EvaluationError?>.allocate(capacity: batches.count)
        failures.initialize(repeating: nil)
        defer { _ = records.deinitialize(); records.deallocate(); _ = failures.deinitialize(); failures.deallocate() }
        nonisolated(unsafe) let (me, recs, fails) = (self, records, failures)
        var done = 0
        for round in stride(from: 0, to: batches.count, by: workers) {
            let these = Array(batches[round..<min(batches.count, round + workers)])
            let one = { @Sendable (b: Int) in
                do { try me.runBatch(these[b], examples, threads: workers > 1 ? 1 : nil) { i, r in recs[i] = r } }
                catch { fails[round + b] = error as? EvaluationError ?? EvaluationError("\(error)") }
            }
            if these.count == 1 { one(0) } else { DispatchQueue.concurrentPerform(iterations: these.count, execute: one) }
            if let e = failures[round..<min(batches.count, round + workers)].lazy.compactMap({ $0 }).first { throw e }
            done += these.reduce(0) { $0 + $1.count }
            progress?(done, examples.count)
        }
        return records.map { $0! }
    }

    /// Decodes and judges one batch; `store` receives each example's record (distinct indices per batch).
    private func runBatch(_ idx: [Int], _ examples: [EvalExample], threads: Int?,
                          store: (Int, EvalRecord) -> Void) throws {
        // The reference answer is the corpus's, unless the model reads the fields in another spelling (a compact-form
        // model on a corpus with right-handed fields): then it is the builder's answer for the fields as read.
        var references: [[String]] = []
        let judges = try idx.map { i -> Judge in
            let e = examples[i]
            do {
                let fields = try InputTokens.decode(e.input, normalisation: normalisation)
                let read = runner.modelFields(fields)
                let judge = try Judge(fields: read)
                references.append(read == fields ? e.output : try LagrangianTokens.encode(judge.reference))
                return judge
            } catch {
                throw EvaluationError("\(e.split) example with input '\(e.input.prefix(12).joined(separator: " "))…': \(error)")
            }
        }
        let t0 = DispatchTime.now().uptimeNanoseconds
        let answers = try runner.answer(judges, normalisation: normalisation, mode: mode, beam: beam, maxLength: maxLength,
                                        threads: threads)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9 / Double(idx.count)
        for ((i, a), reference) in zip(zip(idx, answers), references) {
            let e = examples[i], r = a.report
            let invalid = r.grammarError != nil || r.hasInvalidTerms
            store(i, EvalRecord(nFields: e.nFields, split: e.split, exact: a.tokens == reference, verdict: r.verdict,
                                precision: r.precision, recall: r.recall, invalid: invalid, seconds: seconds,
                                rescued: a.hypothesesJudged > 1 && r.verdict != .wrong,
                                input: e.input, reference: reference, answer: a.tokens, reasons: r.reasons))
        }
    }
}
