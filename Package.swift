// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "qari",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "qari", targets: ["qari"]),
        .executable(name: "qari-bench", targets: ["QariBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .systemLibrary(name: "CNcurses", pkgConfig: "ncursesw",
                       providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "CFriBidi", pkgConfig: "fribidi",
                       providers: [.apt(["libfribidi-dev"])]),
        .target(name: "QariCore", resources: [.copy("Resources/knowledge.jsonl")]),
        .target(name: "TerminalText", dependencies: ["CFriBidi"]),
        .target(name: "QariStore", dependencies: ["QariCore", .product(name: "GRDB", package: "GRDB.swift"),
                                                .product(name: "GRDBSQLite", package: "GRDB.swift")]),
        .target(name: "QariTUI", dependencies: ["CNcurses", "QariCore", "QariStore", "TerminalText"]),
        .executableTarget(name: "qari", dependencies: [
            "QariCore", "QariStore", "TerminalText", "QariTUI",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "QariBench", dependencies: ["QariCore", "QariStore", "TerminalText", "QariTUI",
                                                            .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "QariCoreTests", dependencies: ["QariCore"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "QariStoreTests", dependencies: ["QariStore", "QariCore"]),
        .testTarget(name: "TerminalTextTests", dependencies: ["TerminalText"], exclude: ["Snapshots"]),
        .testTarget(name: "QariTUITests", dependencies: ["QariTUI", "QariCore", "QariStore", "TerminalText"]),
        .testTarget(name: "QariEndToEndTests", dependencies: []),
    ],
    swiftLanguageModes: [.v5]
)
