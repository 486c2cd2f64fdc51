import Foundation
import Tokenizer
import Transformer

/// `lagrangify export-hf`: writes a Hugging Face BART directory (config.json, model.safetensors, tokenizer.json).
enum ExportHFCommand: Subcommand {
    static let spec = CommandSpec(
        name: "export-hf",
        abstract: "Export a model for Hugging Face transformers (BartForConditionalGeneration).",
        usage: ["export-hf --model DIR --out DIR"],
        discussion: """
        Writes config.json, model.safetensors (BART parameter names) and, when the model has vocab.txt,
        tokenizer.json, so that BartForConditionalGeneration.from_pretrained(DIR) loads it. Also writes
        input.json (the model's input form, which import-hf reads back) and lagrangify_parity.json (sample inputs with our logits and greedy outputs) for Scripts/hf_parity.py.
        """,
        options: [
            OptionSpec("model", value: "DIR", help: "Model directory written by train."),
            OptionSpec("out", value: "DIR", help: "Output directory (created)."),
        ])

    static func run(_ a: ParsedArguments, output: Output) throws -> Int32 {
        guard let m = a.value("model") else { throw CLIError.usage("missing --model DIR") }
        guard let o = a.value("out") else { throw CLIError.usage("missing --out DIR") }
        let dir = URL(fileURLWithPath: m), out = URL(fileURLWithPath: o)
        do {
            let model = try Checkpoint.loadModel(dir)
            let vocab = PredictCommand.loadVocabulary(dir, size: model.config.vocabSize)
            try HuggingFace.export(model, to: out, vocabulary: vocab)
            try HuggingFace.writeParitySample(model, to: out)
            try ModelInputSpec.copy(from: dir, to: out)
            output.line("exported \(model.config.summary) to \(out.path)")
        } catch let e as ModelError { throw CLIError.failure(e.description) }
        catch let e as TokenizerError { throw CLIError.failure(e.description) }
        return 0
    }
}
