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
// `-disable-concrete-type-metadata-mangled-name-accessors`: by default a concrete generic type such as
// `[CartanType: SimpleLieAlgebra]` gets its metadata from its mangled name, and the runtime then checks
// `CartanType: Hashable` by scanning every protocol conformance record in the binary (5,447 with the static stdlib
// and Foundation, ~65 µs a scan), once per type and protocol per process: 10–17 scans in a small `decompose`,
// about a quarter of its task clock. With the flag the compiler calls the metadata accessor with the witness
// tables it already knows, and no scan happens (BENCHMARKS.md, Lie groups, session 6).
let fast: [SwiftSetting] = [
    .unsafeFlags(["-target-cpu", "native", "-enforce-exclusivity=unchecked",
                  "-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"], .when(configuration: .release)),
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
        // libstdc++ and libgcc linked statically too (the Swift runtime is C++): no libstdc++.so (its locale and iostream
        // set-up) and no libgcc_s.so, whose constructor runs ~20 `cpuid` instructions, each a trap to the hypervisor
        // on these VMs: ~0.9 ms of a 3 ms `decompose`. The driver appends `-lstdc++` after the Swift runtime archives,
        // so StaticCxx/libstdc++.so, a one-line linker script found first on the -L path, points it at libstdc++.a.
        // `--exclude-libs ALL` (the driver's) keeps that copy's symbols private, so FLINT's NTL, dlopen'd later,
        // binds its own libstdc++.so.
        .executableTarget(name: "lagrangify", dependencies: ["LagrangifyCLI"], exclude: ["StaticCxx"], swiftSettings: fast,
                          linkerSettings: [.unsafeFlags(staticStdlib + ["-Xlinker", "-no-pie", "-Xclang-linker", "-static-libgcc",
                                                                        "-L", Context.packageDirectory + "/Sources/lagrangify/StaticCxx"],
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
