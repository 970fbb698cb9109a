// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "panorama",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "panorama", targets: ["panorama"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // C seams: a module map and a header each, nothing else.
        .systemLibrary(name: "CLapack", path: "Sources/CLapack"),
        .systemLibrary(name: "CEditLine", path: "Sources/CEditLine"),
        .systemLibrary(name: "CZeroMQ", path: "Sources/CZeroMQ"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),

        // The only importer of CZlib: raw deflate streams and CRC-32 for the ZIP container of XLSX.
        .target(name: "Deflate", dependencies: ["CZlib"]),
        // The only importer of CLapack.
        .target(name: "LinearAlgebra", dependencies: ["CLapack"]),
        // The pure kernel: data, statistics, regression, simulation, forecasting, rendering.
        .target(name: "PanoramaKit", dependencies: [
            "LinearAlgebra", "Deflate",
        ]),
        // The dataset builder, a tool and not the runtime: rebuilds datasets/ from the published
        // sources (`swift run panorama-datasets`); its key matching has a small public interface.
        .target(name: "PanoramaDatasets", dependencies: ["PanoramaKit"]),
        .executableTarget(name: "panorama-datasets", dependencies: ["PanoramaDatasets"]),
        // The only importer of CEditLine.
        .target(name: "LineEditing", dependencies: ["CEditLine"]),
        // The only importer of CZeroMQ: sockets and message signing.
        .target(name: "ZeroMQ", dependencies: ["CZeroMQ"]),
        // The language, the session, dot-commands, script and notebook runners.
        .target(name: "PanoramaShell", dependencies: ["PanoramaKit", "LineEditing"]),
        // The Jupyter kernel: the messaging protocol over ZeroMQ, one Session per kernel.
        .target(name: "JupyterKernel", dependencies: ["PanoramaShell", "ZeroMQ"]),
        // Argument parsing and wiring only.
        .executableTarget(name: "panorama", dependencies: [
            "PanoramaShell", "LineEditing", "LinearAlgebra", "JupyterKernel",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Test helpers shared by test targets (which cannot depend on each other): the NIST reader.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "TestSupport"]),
        .testTarget(name: "PanoramaKitTests", dependencies: ["PanoramaKit", "Deflate", "TestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "PanoramaDatasetsTests", dependencies: ["PanoramaDatasets", "TestSupport"]),
        .testTarget(name: "PanoramaShellTests", dependencies: ["PanoramaShell", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["panorama", "PanoramaKit", "JupyterKernel", "ZeroMQ"]),
        .testTarget(name: "JupyterKernelTests", dependencies: ["JupyterKernel", "ZeroMQ", "PanoramaShell", "TestSupport"],
                    resources: [.copy("Fixtures")]),
    ]
)
