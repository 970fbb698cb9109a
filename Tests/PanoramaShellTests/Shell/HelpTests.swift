import Foundation
import Testing
@testable import PanoramaShell
import PanoramaKit

@Test func helpListsTopicsByCategoryAndCommands() {
    let t = ShellTranscript()
    let text = t.take(".help").out
    #expect(text.hasPrefix("panorama — .help NAME shows a builtin or command"))
    #expect(text.contains("math          log exp sqrt"))
    #expect(text.contains("commands      .help .quit .mode"))
    #expect(text.contains("keys "))
    #expect(text.contains("datasets "))
}

@Test func helpOfABuiltinShowsSignatureArgumentsAndTheExampleRunForReal() {
    let t = ShellTranscript()
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
    let t = ShellTranscript()
    let found = t.take(".help variance").out
    #expect(found.contains("var(x)"))
    let commands = t.take(".help rows").out
    #expect(commands.contains(".maxrows [N]"))
    #expect(t.take(".help zzzz").out == "nothing matches 'zzzz' (.help lists the topics)")
    #expect(t.take(".help cumsun").out.hasPrefix("nothing matches 'cumsun'. Did you mean 'cumsum'?"))
}

@Test func helpOfACommandShowsItsUsage() {
    let t = ShellTranscript()
    #expect(t.take(".help mode").out == ".mode [box|markdown|csv|json]\n  how results print")
    #expect(t.take(".help .timer").out == ".timer [on|off]\n  print wall and CPU time after each statement")
}

@Test func helpKeysListsTheBindings() {
    let t = ShellTranscript()
    let keys = t.take(".help keys").out
    for k in ["TAB", "Up / Down", "Ctrl-R", "Ctrl-C", "Ctrl-D"] { #expect(keys.contains(k), "\(k)") }
}

@Test func helpDatasetsListsTheBundledDatasets() {
    let t = ShellTranscript()
    let listing = t.take(".help datasets").out
    #expect(listing == DatasetHelp.text())
}

@Test func everyParameterOfEveryBuiltinHasASummary() {
    for b in BuiltinRegistry.all {
        #expect(!b.summary.isEmpty, "\(b.name) has no summary")
        for p in b.parameters {
            #expect(!p.summary.trimmingCharacters(in: .whitespaces).isEmpty, "\(b.name): parameter '\(p.name)' has no summary")
        }
    }
}
