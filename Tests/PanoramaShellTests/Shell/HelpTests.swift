import Foundation
import Testing
@testable import PanoramaShell
import PanoramaKit

@Test func helpListsTopicsByCategoryAndCommands() {
    let t = Transcript()
    let text = t.take(".help").out
    #expect(text.hasPrefix("panorama — .help NAME shows a builtin or command"))
    #expect(text.contains("math          log exp sqrt"))
    #expect(text.contains("commands      .help .quit .mode"))
    #expect(text.contains("keys "))
    #expect(text.contains("datasets "))
}

@Test func helpOfABuiltinShowsSignatureArgumentsAndTheExampleRunForReal() {
    let t = Transcript()
    let page = t.take(".help log").out
    #expect(page == """
    log(x, base=)
      natural logarithm (base= for another base)

    arguments:
      x             a number or numeric vector
      base=         logarithm base (default e)

    example:
      > log([1, 10, 100], base=10)
      [0, 1, 2]
    """)
    #expect(t.take("?log").out == page)
}

@Test func everyBuiltinExampleRunsWithoutError() {
    for b in BuiltinRegistry.all where !b.example.isEmpty {
        var errors: [String] = []
        let s = Session(output: { _ in }, diagnostics: { errors.append($0) })
        s.run(b.example)
        #expect(errors.filter { $0.hasPrefix("error") || $0.contains(": error:") }.isEmpty, "\(b.name): \(errors)")
    }
}

@Test func helpSearchesNamesAndSummaries() {
    let t = Transcript()
    let found = t.take(".help variance").out
    #expect(found.contains("var(x)"))
    let commands = t.take(".help rows").out
    #expect(commands.contains(".maxrows [N]"))
    #expect(t.take(".help zzzz").out == "nothing matches 'zzzz' (.help lists the topics)")
    #expect(t.take(".help cumsun").out.hasPrefix("nothing matches 'cumsun'. Did you mean 'cumsum'?"))
}

@Test func helpOfACommandShowsItsUsage() {
    let t = Transcript()
    #expect(t.take(".help mode").out == ".mode [box|markdown|csv|json]\n  how results print")
    #expect(t.take(".help .timer").out == ".timer [on|off]\n  print wall and CPU time after each statement")
}

@Test func helpKeysListsTheBindings() {
    let t = Transcript()
    let keys = t.take(".help keys").out
    for k in ["TAB", "Up / Down", "Ctrl-R", "Ctrl-C", "Ctrl-D"] { #expect(keys.contains(k), "\(k)") }
}

@Test func helpDatasetsListsTheBundledFolder() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("panorama-help-datasets-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try "a\n1\n".write(to: dir.appendingPathComponent("series.csv"), atomically: true, encoding: .utf8)
    try "x".write(to: dir.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
    let listing = Help.datasets(in: dir)
    #expect(listing == "datasets in \(dir.path) — load(\"NAME\"):\nseries                series.csv                    4 B")
    #expect(Help.datasets(in: dir.appendingPathComponent("none")) == "no datasets in \(dir.path)/none")
}
