import Foundation
import Testing
@testable import Evaluation
import Checker
import Lagrangian
import Tokenizer
@testable import Transformer

/// Field lists with hand-checked Lagrangians (Grammars/README.md walks through the first).
let knownContents = ["Q u d L e H", "L e H", "H", "S(1,1,0) F(1,1,0)", "Phi:S(3,2,1/6) chi:F(3,1,2/3,R)"]

func fields(_ s: String) throws -> [Field] { try parseFieldList(s, options: FieldParseOptions()) }

/// Corpus-style examples (input and output token sequences) made by the builder, as `lagrangify corpus` does.
func examples(_ contents: [String]) throws -> [EvalExample] {
    try contents.map { c in
        let l = try Lagrangian.build(try fields(c))
        return EvalExample(input: try InputTokens.encode(l.fields), output: try LagrangianTokens.encode(l),
                           nFields: l.fields.count, split: "test_n\(l.fields.count)")
    }
}

/// The same contents in the compact input form: fields in their left-handed spelling, so the answers' `F<i>` refer
/// to that order (what `lagrangify corpus --input-form compact` writes).
func compactExamples(_ contents: [String]) throws -> [EvalExample] {
    try contents.map { c in
        let l = try Lagrangian.build(try fields(c).map(\.leftHandedSpelling))
        return EvalExample(input: try InputTokens.encode(l.fields, form: .compact), output: try LagrangianTokens.encode(l),
                           nFields: l.fields.count, split: "test_n\(l.fields.count)")
    }
}

/// A small model that has memorised `ex` (trained here, a few seconds), saved with the standard vocab.txt (and an
/// input.json saying `form`).
func memorisingModel(_ ex: [EvalExample], dir: URL, form: InputForm = .paper) throws -> ModelRunner {
    var cfg = ModelConfig(name: "eval-test", dModel: 64, encoderLayers: 2, decoderLayers: 2, heads: 4, ffn: 128,
                          vocabSize: Vocabulary.standard.count, maxPositions: 160)
    cfg.decoderStartId = 2
    let train = ex.map { e in
        Example(source: Vocabulary.standard.ids(e.input).map(Int32.init), target: Vocabulary.standard.ids(e.output).map(Int32.init))
    }
    var o = TrainingOptions()
    o.optimizer.learningRate = 3e-3; o.optimizer.warmupSteps = 10; o.optimizer.totalSteps = 300
    o.optimizer.weightDecay = 0; o.tokenBudget = 2048; o.seed = 7
    let tr = try Trainer(config: cfg, options: o, examples: train, threads: 2)
    var loss = 0.0
    for _ in 0..<300 { loss = tr.step().loss }
    #expect(loss < 0.05, "the memorising model did not fit its \(ex.count) examples (loss \(loss))")
    try tr.save(to: dir)
    try Data(Vocabulary.standard.vocabText.utf8).write(to: dir.appendingPathComponent("vocab.txt"))
    if form != .paper { try ModelInputSpec(form: form).write(directory: dir) }
    return try ModelRunner(directory: dir, threads: 2)
}

func temporaryDirectory(_ name: String) -> URL {
    let d = FileManager.default.temporaryDirectory.appendingPathComponent("lagrangify-eval-\(name)-\(ProcessInfo.processInfo.processIdentifier)")
    try? FileManager.default.removeItem(at: d)
    try! FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
    return d
}

@Suite(.serialized) struct EvaluationTests {
    /// An untrained model emits noise; restricted by the grammar, every token it emits is one the grammar allows,
    /// so the checker finds no grammar error except, at worst, "the sequence stopped early" at its very end.
    @Test func guidedDecodingStaysGrammatical() throws {
        let cfg = ModelConfig(name: "random", dModel: 32, encoderLayers: 1, decoderLayers: 1, heads: 4, ffn: 64,
                              vocabSize: Vocabulary.standard.count, maxPositions: 128)
        let dir = temporaryDirectory("random")
        // A fresh model's tied embeddings favour EOS at once (empty output, which is grammatical); a bias of −20 on
        // EOS makes it emit noise instead, which is what the constraint has to tame.
        let noisy = Seq2SeqModel<Float>(config: cfg, seed: 11)
        noisy.params.p[noisy.layout.finalLogitsBias + Int(cfg.eosId)] = -20
        try Checkpoint.saveModel(noisy, to: dir)
        let runner = try ModelRunner(directory: dir)
        let judges = try knownContents.map { try Judge(fields: try fields($0)) }
        let plain = try runner.answer(judges, mode: .greedy, maxLength: 48)
        let guided = try runner.answer(judges, mode: .guided, maxLength: 48)
        // Unconstrained noise is ungrammatical early (a random first token is rarely a term kind).
        #expect(plain.contains { a in a.report.grammarError.map { $0.position < a.tokens.count } ?? false },
                "plain greedy outputs: \(plain.map { $0.tokens.prefix(8).joined(separator: " ") })")
        for (a, c) in zip(guided, knownContents) {
            if let e = a.report.grammarError {
                #expect(e.position == a.tokens.count, "\(c): guided output has a grammar error inside it: \(e)")
            }
            // Replaying the tokens through a fresh parser accepts every one of them.
            var p = OutputParser(fields: try fields(c))
            for t in a.tokens { #expect(throws: Never.self) { try p.feed(t) } }
        }
        // Beam search under the same constraint: every hypothesis is a grammatical prefix, best first.
        let dec = Seq2SeqDecoder(model: runner.model, maxRows: 3 * judges.count, maxSource: 128, maxLength: 32)
        let srcs = try judges.map { try runner.source(for: $0.fields) }
        let lists = dec.beamSearchAll(srcs, options: DecodingOptions(maxLength: 32, beamWidth: 3),
                                      constraints: judges.map { GrammarConstraint(fields: $0.fields) })
        for (list, j) in zip(lists, judges) {
            #expect(!list.isEmpty)
            #expect(zip(list, list.dropFirst()).allSatisfy { $0.score >= $1.score })
            for h in list {
                var p = OutputParser(fields: j.fields)
                for t in Vocabulary.standard.tokens(h.tokens.map(Int.init)) { #expect(throws: Never.self) { try p.feed(t) } }
            }
        }
        // Without constraints, beamSearchAll's best is what beamSearch returns.
        let best = dec.beamSearch(srcs, options: DecodingOptions(maxLength: 32, beamWidth: 3))
        let all = dec.beamSearchAll(srcs, options: DecodingOptions(maxLength: 32, beamWidth: 3), constraints: nil)
        #expect(best == all.map { $0[0] })
    }

    /// A model that memorised five Lagrangians reproduces them: the evaluator must score 100% exact, precision
    /// and recall 1, no invalid output, in every mode; and the CLI writes the same numbers as JSON and a plot.
    @Test func memorisedModelScoresExactInEveryMode() throws {
        let ex = try examples(knownContents)
        let dir = temporaryDirectory("memorised")
        let runner = try memorisingModel(ex, dir: dir)
        for mode in DecodingMode.allCases {
            var ev = Evaluator(runner: runner)
            ev.mode = mode; ev.beam = 2; ev.batch = 4; ev.maxLength = 128
            let rows = EvalRow.summarise(try ev.run(ex))
            #expect(rows.map(\.nFields) == [1, 2, 3, 6], "\(mode)")
            for r in rows {
                #expect(r.exact == 1 && r.correct == 1 && r.equivalent == 0, "\(mode) n=\(r.nFields): \(r)")
                #expect(r.precision == 1 && r.recall == 1 && r.invalid == 0, "\(mode) n=\(r.nFields): \(r)")
            }
        }
        // Two workers (whole batches decoded concurrently, one thread each) give the same records as one, in the
        // same order: batch size 1 makes every example its own batch, so every round runs two batches at once.
        let runner2 = try ModelRunner(directory: dir, threads: 2)
        for mode in DecodingMode.allCases {
            var e1 = Evaluator(runner: runner), e2 = Evaluator(runner: runner2)
            e1.mode = mode; e2.mode = mode; e1.batch = 1; e2.batch = 1; e1.beam = 2; e2.beam = 2
            e1.maxLength = 128; e2.maxLength = 128
            let a = try e1.run(ex), b = try e2.run(ex)
            #expect(a.count == ex.count && b.count == ex.count)
            for (x, y) in zip(a, b) {
                #expect(x.nFields == y.nFields && x.split == y.split && x.exact == y.exact && x.verdict == y.verdict
                        && x.precision == y.precision && x.recall == y.recall, "\(mode)")
            }
            #expect(zip(a, ex).allSatisfy { $0.nFields == $1.nFields }, "records stay in the examples' order")
        }
        // "exact" compares with the corpus line, the verdict with the builder: against a corrupted corpus line (the
        // last Yukawa cut off) the memorised answer is not exact, yet the checker still accepts it.
        var wrong = ex[0]
        let cut = wrong.output.lastIndex(of: "YUK")!
        wrong = EvalExample(input: wrong.input, output: Array(wrong.output[..<cut]), nFields: 6, split: "test_n6")
        let r = try Evaluator(runner: runner).run([wrong])[0]
        #expect(!r.exact)
        #expect(r.verdict != .wrong, "the model's answer is still the builder's: the checker accepts it")
    }

    /// A model that memorised the compact form of the five contents (three of them with right-handed fields, which
    /// the compact form spells left-handed) scores 100% exact from the compact examples and also from the paper-form
    /// ones: the runner reads input.json, re-spells the decoded fields, and the reference becomes the builder's answer
    /// for the fields as the model reads them (the corpus line of a right-handed spelling names another order).
    @Test func compactFormModelReadsBothForms() throws {
        // The last content is ordered differently in the two spellings: as given, the left-handed B(1/6), A(-1/6)
        // come before the right-handed e; spelled left-handed, ē (|Y| = 1) comes first. So its corpus line names
        // other positions (checked with `lagrangify … --format tokens` on both spellings).
        let contents = knownContents + ["A:F(1,1,-1/6) e S(1,1,5/6) B:F(1,1,1/6)"]
        let compact = try compactExamples(contents), paper = try examples(contents)
        #expect(compact[0].output == paper[0].output, "the SM is Q ū d̄ L ē H in both spellings")
        #expect(compact[5].output.joined(separator: " ") == "MASS F3* F3 QUAR F3* F3* F3 F3 FMASS F1 F2 YUK F0 F2 F3*")
        #expect(paper[5].output.joined(separator: " ") == "MASS F3* F3 QUAR F3* F3* F3 F3 FMASS F0 F1 YUK F1 F2 F3*")
        let dir = temporaryDirectory("compact")
        let runner = try memorisingModel(compact, dir: dir, form: .compact)
        #expect(runner.inputForm == .compact && runner.vocabulary == Vocabulary.standard)
        for ex in [compact, paper] {
            var ev = Evaluator(runner: runner)
            ev.mode = .greedy; ev.batch = 4; ev.maxLength = 128
            let rows = EvalRow.summarise(try ev.run(ex))
            #expect(rows.allSatisfy { $0.exact == 1 && $0.precision == 1 && $0.recall == 1 }, "\(rows)")
        }
        // Judging right-handed fields directly is refused (their positions would not be the model's).
        let judge = try Judge(fields: try fields("Q u d L e H"))
        #expect(throws: EvaluationError.self) { try runner.answer([judge], mode: .greedy) }
        // A model of the version-1 vocabulary (185 tokens) cannot read the compact form, whose tokens it lacks; without
        // input.json it is a paper-form model, as Models/default was until 2026-12-03.
        let cfg = ModelConfig(name: "v1", dModel: 16, encoderLayers: 1, decoderLayers: 1, heads: 2, ffn: 16,
                              vocabSize: Vocabulary.v1.count, maxPositions: 16)
        let v1 = temporaryDirectory("v1")
        try Checkpoint.saveModel(Seq2SeqModel<Float>(config: cfg, seed: 1), to: v1)
        try Data(Vocabulary.v1.vocabText.utf8).write(to: v1.appendingPathComponent("vocab.txt"))
        let old = try ModelRunner(directory: v1)
        #expect(old.inputForm == .paper && old.vocabulary.count == 185)
        try ModelInputSpec(form: .compact).write(directory: v1)
        #expect { try ModelRunner(directory: v1) } throws: { "\($0)".contains("version-1 vocabulary") }
    }

    /// The summary arithmetic on hand-made records: 3 examples with 2 fields, one exact, one equivalent, one wrong
    /// with an invalid term → exact 1/3, equivalent 1/3, correct 2/3, invalid 1/3, precision (1 + 1 + 0.5)/3.
    @Test func summaryArithmetic() {
        let rs = [
            EvalRecord(nFields: 2, split: "t", exact: true, verdict: .exact, precision: 1, recall: 1, invalid: false, seconds: 0.01, rescued: false),
            EvalRecord(nFields: 2, split: "t", exact: false, verdict: .equivalent, precision: 1, recall: 1, invalid: false, seconds: 0.02, rescued: true),
            EvalRecord(nFields: 2, split: "t", exact: false, verdict: .wrong, precision: 0.5, recall: 0.25, invalid: true, seconds: 0.03, rescued: false),
            EvalRecord(nFields: 7, split: "ood", exact: false, verdict: .wrong, precision: 0, recall: 0, invalid: true, seconds: 0.1, rescued: false),
        ]
        let rows = EvalRow.summarise(rs)
        #expect(rows.count == 2)
        let r = rows[0]
        #expect(r.nFields == 2 && r.examples == 3)
        #expect(abs(r.exact - 1.0 / 3) < 1e-12 && abs(r.equivalent - 1.0 / 3) < 1e-12 && abs(r.correct - 2.0 / 3) < 1e-12)
        #expect(abs(r.invalid - 1.0 / 3) < 1e-12 && abs(r.precision - 2.5 / 3) < 1e-12 && abs(r.recall - 2.25 / 3) < 1e-12)
        #expect(abs(r.msPerExample - 20) < 1e-9 && r.rescued == 1)
        #expect(rows[1].nFields == 7 && rows[1].correct == 0)
        // JSON round trip and the plot: one polyline per (mode, metric), the OOD band drawn beyond 6 fields.
        let report = EvalReport(model: "m", corpus: "c", parameters: 1, modes: ["greedy": rows, "guided": rows])
        let back = try! JSONDecoder().decode(EvalReport.self, from: Data(report.json.utf8))
        #expect(back.modes == report.modes && back.formatVersion == EvalReport.formatVersion)
        let svg = report.svg(trainedFields: 1...6)
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 4)
        #expect(svg.contains("out of distribution") && svg.hasSuffix("</svg>\n"))
        #expect(report.table("greedy").contains("| 2 | 3 | 33.3% | 33.3% | 66.7% | 83.3% | 75.0% | 33.3% | 20.0 |"))
    }

    /// A model directory whose vocabulary is not the standard one is refused, naming the directory.
    @Test func foreignVocabularyIsRefused() throws {
        let cfg = ModelConfig(name: "foreign", dModel: 16, encoderLayers: 1, decoderLayers: 1, heads: 2, ffn: 16,
                              vocabSize: 40, maxPositions: 16)
        let dir = temporaryDirectory("foreign")
        try Checkpoint.saveModel(Seq2SeqModel<Float>(config: cfg, seed: 1), to: dir)
        #expect { try ModelRunner(directory: dir) } throws: { e in
            "\(e)".contains(dir.path) && "\(e)".contains("vocab_size 40")
        }
        #expect { try EvalCorpus.load(dir.appendingPathComponent("nothing.jsonl")) } throws: { e in
            "\(e)".contains("nothing.jsonl")
        }
    }
}
