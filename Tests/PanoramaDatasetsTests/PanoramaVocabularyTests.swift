import Foundation
import Testing
@testable import PanoramaDatasets
@testable import PanoramaKit

@Suite struct PanoramaVocabularyTests {
    /// Every `Ministère porteur` label of the ten tables, and the ministry it normalises to.
    static let ministryLabels: [(String, String)] = [
        ("Premier ministre", "Premier ministre"),
        ("Services du Premier Ministre", "Premier ministre"),
        ("Ministère des Affaires étrangères et du Développement international", "Affaires étrangères"),
        ("Ministère de l'Europe et des Affaires étrangères", "Affaires étrangères"),
        ("Ministère de l’Europe et des Affaires étrangères", "Affaires étrangères"),
        ("Ministères Chargés des Affaires Sociales", "Affaires sociales"),
        ("Ministère chargé des Affaires Sociales", "Affaires sociales"),
        ("Ministère des Solidarités et de la Santé", "Affaires sociales"),
        ("Ministère du Travail, de l'Emploi et de l'Insertion", "Affaires sociales"),
        ("Ministère de l'Agriculture, de l'Agroalimentaire et de la Forêt", "Agriculture"),
        ("Ministère de l'Agriculture et de l'Alimentation", "Agriculture"),
        ("Ministère de l'Agriculture et Alimentation", "Agriculture"),
        ("Ministère de la Culture et de la Communication", "Culture"),
        ("Ministère de la Culture", "Culture"),
        ("Ministère de la Défense", "Armées"),
        ("Ministère des Armées", "Armées"),
        ("Ministère de l'Économie et des Finances", "Économie et finances"),
        ("Ministères de l'Économie et des Finances", "Économie et finances"),
        ("Ministère de l'Economie et des Finances", "Économie et finances"),
        ("Ministère de l'Action et des Comptes Publics", "Économie et finances"),
        ("Ministère de l’Economie , des Finances et de la Relance", "Économie et finances"),
        ("Ministère de l'Économie des Finances et de la Relance", "Économie et finances"),
        ("Ministère de l'Éducation nationale, de l'Enseignement supérieur et de la Recherche", "Éducation nationale"),
        ("Ministère de l'Éducation nationale", "Éducation nationale"),
        ("Ministère de l'Education Nationale", "Éducation nationale"),
        ("Ministère de l’Education nationale, de la Jeunesse et des Sports", "Éducation nationale"),
        ("Ministère de l'Éducation nationale de la Jeunesse et des Sports", "Éducation nationale"),
        ("Ministère de l'Environnement, de l'Énergie et de la Mer", "Transition écologique"),
        ("Ministère de la Transition écologique et solidaire", "Transition écologique"),
        ("Ministère de la Transition écologique et solidaire / Ministère de l'Agriculture et de l'Alimentation", "Transition écologique"),
        ("Ministère de la Transition écologique", "Transition écologique"),
        ("Ministère de l'Intérieur", "Intérieur"),
        ("Ministère de la Justice", "Justice"),
        ("Ministère de la Transformation et de la Fonction Publiques", "Transformation et fonction publiques"),
    ]

    @Test(arguments: ministryLabels)
    func ministryLabelsNormaliseAcrossRenamings(label: String, ministry: String) throws {
        #expect(try PanoramaVocabulary.ministry(label) == ministry)
    }

    @Test func everyPublishedMinistryLabelIsInTheTable() throws {
        let panel = try DatasetPaths.build().panel
        #expect(Set(panel.records.map(\.ministryLabel)) == Set(Self.ministryLabels.map(\.0)))
    }

    @Test func editionLabelsGiveTheirMonth() {
        #expect(PanoramaVocabulary.firstMonthDate(in: "juillet 2019 (panorama d'octobre 2019)") == CivilDate(year: 2019, month: 7))
        #expect(PanoramaVocabulary.firstMonthDate(in: "décembre 2024") == CivilDate(year: 2024, month: 12))
        #expect(PanoramaVocabulary.firstMonthDate(in: "2020 (edition not specified)") == nil)
    }

    @Test func phasesNormaliseAndTheWithheldSentenceBecomesAFlag() throws {
        #expect(try PublishedPhase("Cadrage") == PublishedPhase(phase: .scoping, withheld: false))
        #expect(try PublishedPhase("Conception / Réalisation").phase == .designBuild)
        #expect(try PublishedPhase("Terminé").phase == .completed)
        #expect(try PublishedPhase("NA") == PublishedPhase(phase: nil, withheld: false))
        let dinsic = "Les éléments chiffrés des projets en cours d’appel d’offres ou dont la trajectoire est en cours de révision ne sont volontairement pas publiés par la DINSIC afin de ne pas interférer avec les procédures en cours"
        #expect(try PublishedPhase(dinsic) == PublishedPhase(phase: nil, withheld: true))
        #expect(try PublishedPhase(dinsic.replacingOccurrences(of: "DINSIC", with: "DINUM") + ".").withheld)
        #expect(throws: DatasetError("unknown phase 'Abandonné'")) { try PublishedPhase("Abandonné") }
        #expect(ProjectPhase.allCases.map(\.rawValue) == ["scoping", "experimentation", "design_build", "deployment", "completed"])
    }

    @Test func unknownMinistryIsAnError() {
        #expect(throws: DatasetError("unknown ministry 'Ministère des Sports'")) {
            try PanoramaVocabulary.ministry("Ministère des Sports")
        }
    }

    @Test func namesNormaliseCaseAccentsAndPunctuation() {
        #expect(PanoramaVocabulary.normalisedName("MCIC²") == PanoramaVocabulary.normalisedName("MCIC-2"))
        #expect(PanoramaVocabulary.normalisedName("Géoportail") == "geoportail")
        #expect(PanoramaVocabulary.normalisedName("FRANCECONNECT PHASE II") == PanoramaVocabulary.normalisedName("FRANCE CONNECT PHASE II"))
        #expect(PanoramaVocabulary.normalisedName("RIE") != PanoramaVocabulary.normalisedName("Réseau Interministériel de l'Etat"))
    }
}
