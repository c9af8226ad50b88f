// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "polframe",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "polframe", targets: ["polframe"]),
        // Benchmarks and the fuzz harness: never part of the product binary.
        .executable(name: "polframe-bench", targets: ["polframe-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // System libraries. Each has a shim header that holds only what Swift (or the C bridge) needs.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CICU",
            pkgConfig: "icu-i18n",
            providers: [.apt(["libicu-dev"])]
        ),
        // PDF text through poppler's GLib API (never a hand-written PDF parser).
        .systemLibrary(
            name: "CPoppler",
            pkgConfig: "poppler-glib",
            providers: [.apt(["libpoppler-glib-dev"])]
        ),
        // DOCX and ODT are zip packages: libzip reads them from memory, with sizes checked.
        .systemLibrary(
            name: "CZip",
            pkgConfig: "libzip",
            providers: [.apt(["libzip-dev"])]
        ),
        // ICU behind a plain-C API: no ICU type is ever visible to a module that imports
        // Foundation (whose private ICU copy clashes with the system headers on clean builds).
        .target(
            name: "CICUBridge",
            dependencies: ["CICU"],
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]
        ),
        // Shape limits of YAML (depth, alias expansion), checked before anything composes a file.
        .target(name: "PolframeYAML", dependencies: ["Yams"]),
        // The built-in segmentation dictionary as C data (generated from jieba's MIT-licensed
        // dict.txt by generate_words.py), so the binary needs no file at run time.
        .target(name: "CSegmentationWords", exclude: ["generate_words.py"]),
        // Infrastructure every stage may use: atomic writes, EINTR, checksum, content hash, parallel
        // map, diagnostics, YAML loading and the file-system seam tests inject faults through.
        .target(
            name: "PolframeFoundation",
            dependencies: ["Yams", "PolframeYAML", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(name: "PolframeIngest", dependencies: ["CLibXML2", "CICUBridge", "CPoppler", "CZip", "Yams", "PolframeYAML", "PolframeFoundation"]),
        .target(name: "PolframeText", dependencies: ["CICUBridge", "CSegmentationWords", "PolframeFoundation"]),
        // PolframeIngest for its text decoder: dictionaries in GBK, Big5 or Latin-1 are detected
        // as documents are, not by a second detector.
        .target(name: "PolframeLexicon", dependencies: ["PolframeText", "PolframeIngest", "Yams", "PolframeYAML", "PolframeFoundation"]),
        .target(name: "PolframeScore", dependencies: ["PolframeText", "PolframeLexicon", "PolframeFoundation"]),
        .target(name: "PolframeFigures", dependencies: ["PolframeScore"]),
        .target(name: "PolframeReport", dependencies: ["PolframeScore"]),
        // The pack store, its index and record formats (and the per-user table cache).
        .target(
            name: "PolframeStorage",
            dependencies: ["CICUBridge", "PolframeFoundation", "PolframeIngest", "PolframeText", "PolframeLexicon", "PolframeScore",
                           .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "PolframeMake",
            dependencies: [
                "PolframeFoundation", "PolframeStorage", "PolframeIngest", "PolframeText", "PolframeLexicon", "PolframeScore", "PolframeFigures",
                "PolframeReport", "Yams", .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "polframe",
            dependencies: [
                "PolframeMake", "PolframeFoundation", "PolframeIngest", "PolframeText", "PolframeLexicon", "PolframeScore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "PolframeFoundationTests", dependencies: ["PolframeFoundation", "CICUBridge"]),
        .testTarget(name: "PolframeStorageTests", dependencies: ["PolframeStorage", "PolframeFoundation", "PolframeIngest", "PolframeScore"]),
        // Speed figures and long fuzz runs (Tests/Benchmarks scripts call it).
        .executableTarget(
            name: "polframe-bench",
            dependencies: [
                "PolframeMake", "PolframeIngest", "PolframeText", "PolframeScore", "PolframeFuzz",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Seeded input mutations for the fuzz tests and polframe-bench (no product module uses it).
        .target(name: "PolframeFuzz"),
        .testTarget(name: "CInteropTests", dependencies: ["CLibXML2", "CICUBridge", "PolframeIngest", "PolframeText"]),
        .testTarget(name: "PolframeIngestTests", dependencies: ["PolframeIngest", "PolframeFuzz"], exclude: ["Fixtures"]),
        .testTarget(name: "PolframeTextTests", dependencies: ["PolframeText"]),
        .testTarget(name: "PolframeLexiconTests", dependencies: ["PolframeLexicon", "PolframeText"]),
        .testTarget(name: "PolframeScoreTests", dependencies: ["PolframeScore", "PolframeLexicon", "PolframeText"]),
        .testTarget(name: "PolframeFiguresTests", dependencies: ["PolframeFigures", "PolframeScore"]),
        .testTarget(name: "PolframeReportTests", dependencies: ["PolframeReport", "PolframeScore"]),
        .testTarget(
            name: "PolframeMakeTests",
            dependencies: ["PolframeMake", "PolframeStorage", "PolframeFoundation", "PolframeScore", "PolframeIngest", "PolframeReport"]
        ),
        .testTarget(name: "PolframeYAMLTests", dependencies: ["PolframeYAML"]),
        .testTarget(name: "PolframeFuzzTests", dependencies: ["PolframeFuzz"]),
        // Runs the built binary: messages and exit statuses (the dependency builds it first).
        .testTarget(name: "polframeCLITests", dependencies: ["polframe"]),
        .testTarget(
            name: "SecurityTests",
            dependencies: ["PolframeMake", "PolframeIngest", "PolframeLexicon", "PolframeScore", "PolframeYAML", "PolframeFuzz"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
