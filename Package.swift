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
    ],
    targets: [
        .systemLibrary(name: "CNcurses", pkgConfig: "ncursesw",
                       providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "CFriBidi", pkgConfig: "fribidi",
                       providers: [.apt(["libfribidi-dev"])]),
        .target(name: "QariCore", resources: [.copy("Resources/knowledge.jsonl")]),
        .target(name: "TerminalText", dependencies: ["CFriBidi"]),
        .target(name: "QariTUI", dependencies: ["CNcurses", "QariCore", "TerminalText"]),
        .executableTarget(name: "qari", dependencies: [
            "QariCore", "TerminalText", "QariTUI",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "QariBench", dependencies: ["QariCore", "TerminalText", "QariTUI"]),
        .testTarget(name: "QariCoreTests", dependencies: ["QariCore"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "TerminalTextTests", dependencies: ["TerminalText"], exclude: ["Snapshots"]),
        .testTarget(name: "QariTUITests", dependencies: ["QariTUI", "QariCore", "TerminalText"]),
        .testTarget(name: "QariEndToEndTests", dependencies: []),
    ],
    swiftLanguageModes: [.v5]
)
