import Foundation
import Lagrangian
import TokenShards

/// Options of a corpus run (`lagrangify corpus`).
public struct CorpusOptions: Sendable {
    public var examples = 1000
    public var minFields = 1
    public var maxFields = 6
    public var seed: UInt64 = 1
    public var sampler = SamplerOptions()
    public var normalisation = HyperchargeNormalisation.standard
    /// Out-of-distribution split: this many examples with `oodFields` fields (0: none).
    public var oodExamples = 0
    public var oodFields = 7...8
    /// Per mille of contents in the validation and test splits (by a hash of the canonical content).
    public var validPerMille = 50
    public var testPerMille = 50
    /// The exact command line, recorded in the manifest.
    public var commandLine = ""
    /// How inputs are written. The compact form spells every fermion left-handed, so its corpus holds the same
    /// examples, splits and outputs as the paper form's with `sampler.rightHandedFraction = 0` and the same seed.
    public var inputForm = InputForm.paper
    public init() {}
}

/// One example: canonical input and output token sequences.
public struct CorpusExample: Sendable, Equatable {
    public let input: [String]
    public let output: [String]
    public let fieldCount: Int
    public let kindCounts: [Int]          // per OutputTokens.kinds
    /// The content: what deduplication and the split hash compare. The canonical input line in the paper form
    /// (for a compact-form example, that of its left-handed spelling), so that both forms keep the same examples.
    let key: String
    init(input: [String], output: [String], fieldCount: Int, kindCounts: [Int], key: String? = nil) {
        self.input = input; self.output = output; self.fieldCount = fieldCount; self.kindCounts = kindCounts
        self.key = key ?? input.joined(separator: " ")
    }
}

/// Summary of a written corpus.
public struct CorpusSummary: Sendable {
    public var counts: [String: Int] = [:]
    public var attempts = 0
    public var seconds = 0.0
    public var meanSourceLength = 0.0, meanTargetLength = 0.0
    public var maxSourceLength = 0, maxTargetLength = 0
}

/// Generates corpora: random field lists (`FieldSampler`), their Lagrangians (the builder), token sequences, and
/// splits by canonical field content.
///
/// Reproducible: example i is drawn from `SplitMix64(seed:index:)` alone and examples are accepted in index order,
/// so the files are byte-identical for the same options whatever the thread count. Contents (the canonical input
/// sequence, which is invariant under reordering the fields and renaming them) are deduplicated, and the split of a
/// content is a function of its hash, so no content is in two splits.
public enum CorpusWriter {
    public static let format = "lagrangify-token-lines"
    public static let formatVersion = 1
    public static let grammarVersion = 1

    /// One example of index `i`, or nil when the builder refuses the field list.
    public static func example(_ i: UInt64, seed: UInt64, fields range: ClosedRange<Int>, options o: CorpusOptions) -> CorpusExample? {
        var rng = SplitMix64(seed: seed, index: i)
        let n = range.lowerBound + Int(rng.next() % UInt64(range.count))
        var fields = FieldSampler(o.sampler).sample(count: n, using: &rng)
        if o.inputForm == .compact { fields = fields.map(\.leftHandedSpelling) }
        guard let l = try? Lagrangian.build(fields),
              let paper = try? InputTokens.encode(l.fields, normalisation: o.normalisation),
              let inp = o.inputForm == .paper ? paper : try? InputTokens.encode(l.fields, form: .compact),
              let out = try? LagrangianTokens.encode(l) else { return nil }
        var kinds = [Int](repeating: 0, count: OutputTokens.kinds.count)
        for t in l.terms { if let k = OutputTokens.kinds.firstIndex(of: t.kind) { kinds[k] += 1 } }
        return CorpusExample(input: inp, output: out, fieldCount: n, kindCounts: kinds, key: paper.joined(separator: " "))
    }

    /// Draw indices 0..<cap are the most a draw of `count` contents looks at: 50 per example + 10 000, rounded up to
    /// whole batches (the single-machine loop has always stopped at a batch boundary, so shards must too).
    static func drawCap(_ count: Int) -> UInt64 {
        let maxAttempts = UInt64(50 * count + 10_000), b = UInt64(drawBatch)
        return (maxAttempts + b - 1) / b * b
    }
    static let drawBatch = 1024

    /// The accept rule every corpus obeys, on one machine or merged from shards: offer draw indices in increasing
    /// order; an example is kept if its content (canonical input line) was not kept before, until `count` are
    /// kept. `attempts` is then one past the index of the last kept example.
    struct Acceptor {
        let count: Int
        var seen: Set<String> = []
        var out: [CorpusExample] = []
        var attempts: UInt64 = 0
        var done: Bool { out.count >= count }
        init(count: Int) { self.count = count }
        mutating func offer(_ index: UInt64, _ e: CorpusExample?) {
            guard !done else { return }
            attempts = index + 1
            if let e, seen.insert(e.key).inserted { out.append(e) }
        }
    }

    /// Examples of draw indices `first + stride·k`, k in 0..<n, computed on all cores (nil: the builder refused).
    static func compute(first: UInt64, stride: UInt64, n: Int, seed: UInt64, fields: ClosedRange<Int>,
                        options o: CorpusOptions) -> [CorpusExample?] {
        let results = UnsafeMutableBufferPointer<CorpusExample?>.allocate(capacity: n)
        results.initialize(repeating: nil)
        nonisolated(unsafe) let r = results
        let chunks = 16
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            for j in Swift.stride(from: c, to: n, by: chunks) {
                r[j] = example(first + stride * UInt64(j), seed: seed, fields: fields, options: o)
            }
        }
        let a = Array(results)
        results.deinitialize(); results.deallocate()
        return a
    }

    /// Offers indices `from`, `from + 1`, … to `acc` until it is done or the cap is reached.
    static func continueDraw(_ acc: inout Acceptor, from: UInt64, seed: UInt64, fields: ClosedRange<Int>,
                             options o: CorpusOptions, progress: (@Sendable (Int, Int, Double) -> Void)?) {
        let cap = drawCap(acc.count), start = Date()
        var next = from
        if next >= cap { return }
        while !acc.done && next < cap {
            let n = Int(min(UInt64(drawBatch), cap - next))
            for (j, e) in compute(first: next, stride: 1, n: n, seed: seed, fields: fields, options: o).enumerated() {
                acc.offer(next + UInt64(j), e)
            }
            next += UInt64(n)
            progress?(acc.out.count, Int(acc.done ? acc.attempts : next), Date().timeIntervalSince(start))
        }
        if !acc.done { acc.attempts = cap }
    }

    /// Draws `count` distinct contents in index order, on all cores.
    static func draw(count: Int, seed: UInt64, fields: ClosedRange<Int>, options o: CorpusOptions,
                     progress: (@Sendable (Int, Int, Double) -> Void)?) -> (examples: [CorpusExample], attempts: Int) {
        var acc = Acceptor(count: count)
        continueDraw(&acc, from: 0, seed: seed, fields: fields, options: o, progress: progress)
        return (acc.out, Int(acc.attempts))
    }

    /// The seed of the OOD draw (a separate index space, so the main draw does not depend on it).
    static func oodSeed(_ o: CorpusOptions) -> UInt64 { o.seed ^ 0x00d }

    /// FNV-1a 64 of a string (split assignment, checksums).
    public static func fnv1a(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return h
    }

    /// The split of a content: by its hash only (not the seed), so corpora of different seeds agree too.
    public static func split(of input: [String], options o: CorpusOptions) -> String { split(ofKey: input.joined(separator: " "), options: o) }
    static func split(ofKey key: String, options o: CorpusOptions) -> String {
        let h = Int(fnv1a(key.utf8) % 1000)
        return h < o.testPerMille ? "test" : (h < o.testPerMille + o.validPerMille ? "valid" : "train")
    }

    /// Writes the corpus to `dir` (created if needed; every file written to a temporary file, then renamed).
    public static func write(to dir: URL, options o: CorpusOptions,
                             progress: (@Sendable (Int, Int, Double) -> Void)? = nil) throws -> CorpusSummary {
        try validate(o)
        let t0 = Date()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let main = draw(count: o.examples, seed: o.seed, fields: o.minFields...o.maxFields, options: o, progress: progress)
        let ood = o.oodExamples > 0
            ? draw(count: o.oodExamples, seed: oodSeed(o), fields: o.oodFields, options: o, progress: progress) : (examples: [], attempts: 0)
        var summary = try writeFiles(to: dir, main: main.examples, ood: ood.examples, attempts: main.attempts + ood.attempts, options: o)
        summary.seconds = Date().timeIntervalSince(t0)
        return summary
    }

    static func validate(_ o: CorpusOptions) throws {
        guard o.minFields >= 1, o.minFields <= o.maxFields, o.maxFields <= Vocabulary.maxFields else {
            throw TokenizerError("fields must satisfy 1 ≤ min ≤ max ≤ \(Vocabulary.maxFields); got \(o.minFields)…\(o.maxFields)")
        }
        if o.inputForm == .compact && o.normalisation == .doubled {
            throw TokenizerError("the compact input form writes hypercharges in the Q = T3 + Y normalisation; drop --doubled-hypercharge or use --input-form paper")
        }
    }

    /// The corpus files of drawn examples: splits, text, JSONL, binary shards, vocabulary, manifest.
    static func writeFiles(to dir: URL, main: [CorpusExample], ood: [CorpusExample], attempts: Int,
                           options o: CorpusOptions) throws -> CorpusSummary {
        var splits: [String: [CorpusExample]] = ["train": [], "valid": [], "test": []]
        for e in main { splits[split(ofKey: e.key, options: o), default: []].append(e) }
        if o.oodExamples > 0 { splits["ood"] = ood }
        for n in o.minFields...o.maxFields { splits["test_n\(n)"] = splits["test"]!.filter { $0.fieldCount == n } }
        let voc = Vocabulary.standard
        var files: [(String, Data)] = []
        var shards: [(name: String, examples: Int, checksum: UInt64)] = []
        var summary = CorpusSummary()
        var srcLen = 0, tgtLen = 0, total = 0
        var hist: [Int: Int] = [:]
        var kindTotals = [Int](repeating: 0, count: OutputTokens.kinds.count)
        var examplesWithKind = [Int](repeating: 0, count: OutputTokens.kinds.count)
        for name in splits.keys.sorted() {
            let ex = splits[name]!
            summary.counts[name] = ex.count
            var src = "", tgt = "", jsonl = ""
            var shard = TokenShard(grammarVersion: grammarVersion, vocabularyVersion: Vocabulary.version,
                                   vocabularySize: voc.count, vocabularyHash: UInt64(voc.hash, radix: 16)!)
            for e in ex {
                shard.append(source: voc.ids(e.input), target: voc.ids(e.output))
                src += voc.ids(e.input).map(String.init).joined(separator: " ") + "\n"
                tgt += voc.ids(e.output).map(String.init).joined(separator: " ") + "\n"
                let kinds = zip(OutputTokens.kindTokens, e.kindCounts).map { "\"\($0)\": \($1)" }.joined(separator: ", ")
                jsonl += "{\"input\": \(jsonString(e.input.joined(separator: " "))), \"output\": \(jsonString(e.output.joined(separator: " "))), \"n_fields\": \(e.fieldCount), \"n_terms\": \(e.kindCounts.reduce(0, +)), \"input_length\": \(e.input.count), \"output_length\": \(e.output.count), \"kinds\": {\(kinds)}}\n"
                if !name.hasPrefix("test_n") {
                    srcLen += e.input.count; tgtLen += e.output.count; total += 1
                    summary.maxSourceLength = max(summary.maxSourceLength, e.input.count)
                    summary.maxTargetLength = max(summary.maxTargetLength, e.output.count)
                    hist[e.output.count / 16 * 16, default: 0] += 1
                    for k in kindTotals.indices { kindTotals[k] += e.kindCounts[k]; if e.kindCounts[k] > 0 { examplesWithKind[k] += 1 } }
                }
            }
            let bin = shard.encoded()
            files += [("\(name).src", Data(src.utf8)), ("\(name).tgt", Data(tgt.utf8)), ("\(name).jsonl", Data(jsonl.utf8)),
                      ("\(name).bin", bin)]
            shards.append(("\(name).bin", shard.count, TokenShard.checksum(bin)))
        }
        files += [("vocab.txt", Data(voc.vocabText.utf8)), ("vocab.json", Data(voc.json.utf8)), ("tokenizer.json", Data(voc.huggingFaceJSON.utf8))]
        for (name, data) in files { try atomicWrite(data, to: dir.appendingPathComponent(name)) }
        summary.meanSourceLength = total == 0 ? 0 : Double(srcLen) / Double(total)
        summary.meanTargetLength = total == 0 ? 0 : Double(tgtLen) / Double(total)
        summary.attempts = attempts
        // Manifest: deterministic (no timestamps, no timings), keys in fixed order.
        let allTerms = max(1, kindTotals.reduce(0, +))
        var m = "{\n"
        m += "  \"format\": \"\(format)\", \"format_version\": \(formatVersion),\n"
        m += "  \"vocab_size\": \(voc.count), \"bos_id\": \(Vocabulary.bosId), \"pad_id\": \(Vocabulary.padId), \"eos_id\": \(Vocabulary.eosId), \"unk_id\": \(Vocabulary.unkId),\n"
        m += "  \"vocabulary_version\": \(Vocabulary.version), \"vocabulary_hash\": \"\(voc.hash)\",\n"
        let inputGrammar = o.inputForm == .paper ? "Grammars/input.v\(grammarVersion).ebnf" : "Grammars/input-compact.v1.ebnf"
        m += "  \"input_form\": \"\(o.inputForm.rawValue)\",\n"
        m += "  \"input_grammar\": \"\(inputGrammar)\", \"output_grammar\": \"Grammars/lagrangian.v\(grammarVersion).ebnf\", \"grammar_version\": \(grammarVersion),\n"
        m += "  \"hypercharge_normalisation\": \"\(o.normalisation == .standard ? "Q = T3 + Y (Y_H = 1/2)" : "doubled: Q = T3 + Y/2 (Y_H = 1)")\",\n"
        m += "  \"field_positions\": \"F<i> is the i-th FIELD of the input line; inputs list fields in the builder's canonical order\",\n"
        m += "  \"command\": \(jsonString(o.commandLine)), \"seed\": \(o.seed),\n"
        m += "  \"sampler\": \(jsonString(o.sampler.summary)),\n"
        m += "  \"fields\": [\(o.minFields), \(o.maxFields)], \"ood_fields\": [\(o.oodFields.lowerBound), \(o.oodFields.upperBound)],\n"
        m += "  \"attempts\": \(summary.attempts),\n"
        m += "  \"counts\": {" + summary.counts.keys.sorted().map { "\"\($0)\": \(summary.counts[$0]!)" }.joined(separator: ", ") + "},\n"
        m += "  \"length\": {\"source_mean\": \(String(format: "%.2f", summary.meanSourceLength)), \"source_max\": \(summary.maxSourceLength), \"target_mean\": \(String(format: "%.2f", summary.meanTargetLength)), \"target_max\": \(summary.maxTargetLength)},\n"
        m += "  \"target_length_histogram\": {" + hist.keys.sorted().map { "\"\($0)-\($0 + 15)\": \(hist[$0]!)" }.joined(separator: ", ") + "},\n"
        m += "  \"term_kind_share\": {" + zip(OutputTokens.kinds, kindTotals).map { "\"\($0.rawValue)\": \(String(format: "%.4f", Double($1) / Double(allTerms)))" }.joined(separator: ", ") + "},\n"
        m += "  \"examples_with_kind\": {" + zip(OutputTokens.kinds, examplesWithKind).map { "\"\($0.rawValue)\": \(String(format: "%.4f", Double($1) / Double(max(1, total))))" }.joined(separator: ", ") + "},\n"
        // The shards' own header checksums (FNV-1a 64 of the file without its checksum field) and example counts.
        m += "  \"token_shards\": {\"format\": \"lagrangify-token-shard\", \"format_version\": \(TokenShard.formatVersion), \"files\": {" + shards.map {
            "\"\($0.name)\": {\"examples\": \($0.examples), \"checksum\": \"\(String(format: "%016llx", $0.checksum))\"}"
        }.joined(separator: ", ") + "}},\n"
        m += "  \"checksums_fnv1a64\": {" + files.map { "\"\($0.0)\": \"\(String(format: "%016llx", fnv1a($0.1)))\"" }.joined(separator: ", ") + "}\n"
        m += "}\n"
        try atomicWrite(m, to: dir.appendingPathComponent("manifest.json"))
        return summary
    }

    /// vocab.txt, vocab.json and tokenizer.json.
    public static func writeVocabularyFiles(to dir: URL) throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let v = Vocabulary.standard
        try atomicWrite(v.vocabText, to: dir.appendingPathComponent("vocab.txt"))
        try atomicWrite(v.json, to: dir.appendingPathComponent("vocab.json"))
        try atomicWrite(v.huggingFaceJSON, to: dir.appendingPathComponent("tokenizer.json"))
    }

    /// Writes to a temporary file beside `url`, then renames it over `url`.
    static func atomicWrite(_ text: String, to url: URL) throws { try atomicWrite(Data(text.utf8), to: url) }

    static func atomicWrite(_ data: Data, to url: URL) throws {
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        try data.write(to: tmp)
        if rename(tmp.path, url.path) != 0 {
            try? FileManager.default.removeItem(at: tmp)
            throw TokenizerError("cannot write \(url.path): \(String(cString: strerror(errno)))")
        }
    }
}
