// swift-tools-version:6.0
// lagrangify: the most general renormalizable Lagrangian, exactly; characters, Hilbert series,
// token corpora and a small seq2seq transformer trained on CPU.
//
// Dependency direction (arrows mean "imports"; nothing points back up):
//   lagrangify ─► LagrangifyCLI ─┬─► Evaluation ─┬─► Checker ─► Tokenizer ─► Lagrangian ─► LieGroups ─► Exact ─► CFlint
//                                │               └─► Transformer ─► (OpenBLAS, dlopen'd)
//                                ├─► HilbertSeries ─► LieGroups
//                                └─► (Checker, Transformer directly too)
//   Tokenizer ─► TokenShards ◄─ Transformer
// TokenShards (Foundation only) is the binary token-shard format: Tokenizer writes shards, Transformer reads them,
// and neither imports the other (the model knows nothing of physics).
// No package dependencies: SwiftPM cannot fetch packages here. C libraries come from Debian
// (Scripts/install-deps.sh installs them).
import PackageDescription

// Release-only codegen flags. `-target-cpu native`: default codegen is baseline x86-64 (SSE2), which
// turns SIMD FMA into libm calls; the binaries are built and run on the same machine (CI builds its own).
// `-enforce-exclusivity=unchecked`: drops dynamic exclusivity checks on class properties (3x on the
// FLINT heap-cell wrappers, measured in ../shared/notes/swift-recipe.md).
let fast: [SwiftSetting] = [
    .unsafeFlags(["-target-cpu", "native", "-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]

// `-static-stdlib` at link time only: the objects were compiled against the shared Foundation modules, whose
// autolink entries lack Foundation's static dependencies, so they are named here (after the objects on the link line).
let staticStdlib = ["-static-stdlib"] + ["Foundation", "FoundationInternationalization", "FoundationEssentials",
                                         "CoreFoundation", "_FoundationICU", "_FoundationCShims",
                                         "_FoundationCollections", "swiftSynchronization", "swiftDispatch", "dispatch",
                                         "BlocksRuntime", "swiftCore", "stdc++", "m"].flatMap { ["-Xlinker", "-l" + $0] }

let package = Package(
    name: "lagrangify",
    products: [
        .executable(name: "lagrangify", targets: ["lagrangify"]),
        .executable(name: "lagrangify-bench", targets: ["lagrangify-bench"]),
        .library(name: "Exact", targets: ["Exact"]),
        .library(name: "LieGroups", targets: ["LieGroups"]),
        .library(name: "Lagrangian", targets: ["Lagrangian"]),
    ],
    targets: [
        // MARK: C shims (no Swift; the only places C headers enter)
        // FLINT 2.9 ships no pkg-config file, so the module map links flint (and gmp) directly.
        .systemLibrary(name: "CFlint", path: "Sources/CFlint", providers: [.apt(["libflint-dev", "libgmp-dev"])]),
        // Function-like macros (fmpq_numref, COEFF_IS_MPZ, mpz_sgn) do not import into Swift.
        .target(name: "CExactShim", dependencies: ["CFlint"], path: "Sources/CExactShim"),

        // MARK: Library modules, in dependency order
        .target(name: "Exact", dependencies: ["CFlint", "CExactShim"], exclude: ["README.md"], swiftSettings: fast),
        .target(name: "LieGroups", dependencies: ["Exact"], exclude: ["README.md"], swiftSettings: fast),
        .target(name: "Lagrangian", dependencies: ["LieGroups", "Exact"], exclude: ["README.md"], swiftSettings: fast),
        .target(name: "HilbertSeries", dependencies: ["LieGroups", "Exact"], exclude: ["README.md"], swiftSettings: fast),
        .target(name: "TokenShards", exclude: ["README.md"], swiftSettings: fast),
        .target(name: "Tokenizer", dependencies: ["Lagrangian", "LieGroups", "Exact", "TokenShards"], exclude: ["README.md"],
                swiftSettings: fast),
        // OpenBLAS is loaded with dlopen on first use (Transformer/BLAS.swift), not linked: start-up of every process.
        .target(name: "Transformer", dependencies: ["TokenShards"], exclude: ["README.md"], swiftSettings: fast),
        .target(name: "Checker", dependencies: ["Tokenizer", "Lagrangian", "LieGroups", "Exact"],
                exclude: ["README.md"], swiftSettings: fast),
        // Evaluation: a trained model judged by the checker (eval, guided and checker-verified decoding).
        .target(name: "Evaluation", dependencies: ["Checker", "Tokenizer", "Lagrangian", "Transformer"],
                exclude: ["README.md"], swiftSettings: fast),
        .target(name: "LagrangifyCLI",
                dependencies: ["Evaluation", "Checker", "Tokenizer", "Lagrangian", "HilbertSeries", "LieGroups", "Exact",
                               "Transformer"],
                exclude: ["README.md"], swiftSettings: fast),

        // MARK: Executables
        // The Swift runtime and Foundation linked statically: ~8 ms less start-up per process (no 15 Swift shared
        // libraries to map and relocate), which is most of a small `lagrangify decompose` (BENCHMARKS.md, Lie groups).
        // Not position-independent: a PIE carries ~74,000 relative relocations (Swift metadata), which the loader
        // writes at every start, copy-on-write faulting ~190 pages: 0.6 ms of a 5 ms `decompose SU2 "2^40"`.
        .executableTarget(name: "lagrangify", dependencies: ["LagrangifyCLI"], swiftSettings: fast,
                          linkerSettings: [.unsafeFlags(staticStdlib + ["-Xlinker", "-no-pie"],
                                                        .when(configuration: .release))]),
        .executableTarget(name: "lagrangify-bench",
                          dependencies: ["Exact", "LieGroups", "Lagrangian", "HilbertSeries", "Tokenizer",
                                         "Transformer", "Checker", "CFlint", "CExactShim"],
                          swiftSettings: fast),

        // MARK: Tests (TestSupport: seeded RNG and law checkers, not shipped)
        .target(name: "TestSupport", dependencies: ["Exact"], path: "Tests/TestSupport"),
        .testTarget(name: "ExactTests", dependencies: ["Exact", "TestSupport", "CFlint"], swiftSettings: fast),
        .testTarget(name: "LieGroupsTests", dependencies: ["LieGroups", "Exact", "TestSupport"], swiftSettings: fast),
        .testTarget(name: "LagrangianTests", dependencies: ["Lagrangian", "LieGroups", "Exact", "TestSupport"],
                    swiftSettings: fast),
        .testTarget(name: "HilbertSeriesTests", dependencies: ["HilbertSeries", "LieGroups", "Exact", "TestSupport"],
                    swiftSettings: fast),
        .testTarget(name: "TokenizerTests", dependencies: ["Tokenizer", "Lagrangian", "Exact", "TokenShards", "TestSupport"],
                    swiftSettings: fast),
        .testTarget(name: "TransformerTests", dependencies: ["Transformer", "TokenShards", "TestSupport"], exclude: ["Fixtures"],
                    swiftSettings: fast),
        .testTarget(name: "CheckerTests", dependencies: ["Checker", "Tokenizer", "Lagrangian", "TestSupport"],
                    swiftSettings: fast),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "Checker", "Tokenizer", "Lagrangian", "Transformer"],
                    swiftSettings: fast),
        .testTarget(name: "LagrangifyCLITests", dependencies: ["LagrangifyCLI", "Evaluation", "Lagrangian", "Tokenizer", "Transformer", "TestSupport"], swiftSettings: fast),
    ]
)
