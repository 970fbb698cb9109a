import Testing
@testable import PanoramaKit

@Test func dayNumbersRoundTrip() {
    #expect(CivilDate(year: 1970, month: 1).dayNumber == 0)
    #expect(CivilDate(year: 2000, month: 3, day: 1).dayNumber == 11017)
    for n in stride(from: -800_000, to: 800_000, by: 997) {
        let d = CivilDate(dayNumber: n)
        #expect(d.dayNumber == n)
        #expect(d.isValid)
    }
}

@Test func identifiersFoldAccentsAndPunctuation() {
    #expect(identifier(for: "Coût complet estimé") == "cout_complet_estime")
    #expect(identifier(for: "Ministère porteur ") == "ministere_porteur")
    #expect(identifier(for: "Durée du projet en années") == "duree_du_projet_en_annees")
    #expect(identifier(for: "2024") == "x2024")
    #expect(identifier(for: "Œuvre") == "oeuvre")
}
