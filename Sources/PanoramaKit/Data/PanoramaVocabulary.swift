import Foundation

// The Panorama vocabulary lives in the kernel because `add_edition` reads a publisher's file at
// run time with it; the dataset builder (PanoramaDatasets) uses the same names.

/// A project's phase as the panel names it, normalised from the published French labels.
public enum ProjectPhase: String, Sendable, CaseIterable {
    /// `Cadrage`: scoping; usually no cost published yet.
    case scoping
    /// `Expérimentation`.
    case experimentation
    /// `Conception / Réalisation`.
    case designBuild = "design_build"
    /// `Déploiement`.
    case deployment
    /// `Terminé`.
    case completed
}

/// The published phase cell, read: a phase, `NA`, or the "figures withheld" sentence.
public struct PublishedPhase: Equatable, Sendable {
    /// The phase, nil for `NA` and for withheld figures.
    public var phase: ProjectPhase?
    /// Whether the cell is the sentence saying the figures are withheld (tender or trajectory
    /// under revision), which the tables of editions 8 and 13 print in place of a phase.
    public var withheld: Bool

    public init(phase: ProjectPhase?, withheld: Bool) {
        self.phase = phase
        self.withheld = withheld
    }

    /// Reads a phase cell.
    ///
    /// `try PublishedPhase("Conception / Réalisation").phase // .designBuild`
    /// - Throws: `DatasetError` for a label not seen in the Panorama.
    public init(_ text: String) throws {
        let t = text.trimmingCharacters(in: .whitespaces)
        withheld = false
        switch t {
        case "Cadrage": phase = .scoping
        case "Expérimentation": phase = .experimentation
        case "Conception / Réalisation": phase = .designBuild
        case "Déploiement": phase = .deployment
        case "Terminé": phase = .completed
        case "NA", "": phase = nil
        default:
            // "Les éléments chiffrés des projets en cours d’appel d’offres ou dont la trajectoire
            // est en cours de révision ne sont volontairement pas publiés par la DINSIC/DINUM …"
            guard t.hasPrefix("Les éléments chiffrés"), t.contains("pas publiés") else {
                throw DatasetError("unknown phase '\(t)'")
            }
            phase = nil
            withheld = true
        }
    }
}

/// The Panorama's French vocabulary: month dates, ministries, project-name comparison.
public enum PanoramaVocabulary {
    static let months = [
        "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
        "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    ]

    /// Reads the first French month and year of a label: `juillet 2019 (panorama d'octobre
    /// 2019)` → 2019-07; nil when the label has none.
    public static func firstMonthDate(in label: String) -> CivilDate? {
        let words = label.split(whereSeparator: { $0.isWhitespace || $0 == "(" || $0 == ")" })
        for (i, w) in words.enumerated() where i + 1 < words.count {
            if let m = months[folded(String(w))], let y = Int(words[i + 1]), words[i + 1].count == 4 {
                return CivilDate(year: y, month: m)
            }
        }
        return nil
    }

    /// The ministries as the panel names them, across renamings.
    public static let ministries = [
        "Premier ministre", "Affaires étrangères", "Affaires sociales", "Agriculture", "Armées",
        "Culture", "Économie et finances", "Éducation nationale", "Intérieur", "Justice",
        "Transformation et fonction publiques", "Transition écologique",
    ]

    // Ordered: the first rule whose word the folded label contains decides ("agriculture"
    // before "culture"). A joint label "A / B" is read by its first, lead ministry.
    static let ministryRules: [(String, String)] = [
        ("premier ministre", "Premier ministre"),
        ("affaires etrangeres", "Affaires étrangères"),
        ("affaires sociales", "Affaires sociales"),
        ("solidarites", "Affaires sociales"),
        ("travail", "Affaires sociales"),
        ("agriculture", "Agriculture"),
        ("culture", "Culture"),
        ("defense", "Armées"),
        ("armees", "Armées"),
        ("comptes publics", "Économie et finances"),
        ("economie", "Économie et finances"),
        ("education", "Éducation nationale"),
        ("interieur", "Intérieur"),
        ("justice", "Justice"),
        ("fonction publique", "Transformation et fonction publiques"),
        ("environnement", "Transition écologique"),
        ("transition ecologique", "Transition écologique"),
    ]

    /// The ministry of a published `Ministère porteur` label, normalised across the renamings
    /// of 2016–2021 (Défense → Armées, Action et Comptes publics → Économie et finances, …).
    ///
    /// `try PanoramaVocabulary.ministry("Ministère de l’Economie , des Finances et de la Relance")
    /// // "Économie et finances"`
    /// - Throws: `DatasetError` for a label no rule knows.
    public static func ministry(_ label: String) throws -> String {
        let lead = label.components(separatedBy: " / ")[0]
        let f = folded(lead)
        for (word, ministry) in ministryRules where f.contains(word) { return ministry }
        throw DatasetError("unknown ministry '\(label)'")
    }

    /// A project name compared as the key table's `normalised-name` decision does: compatibility
    /// decomposition (`²` → `2`), accents and case folded, everything but letters and digits
    /// removed. `PanoramaVocabulary.normalisedName("Regroup. centres info.") // "regroupcentresinfo"`
    public static func normalisedName(_ name: String) -> String {
        var out = ""
        for u in name.decomposedStringWithCompatibilityMapping.unicodeScalars where u.isASCII {
            let c = Character(u)
            if c.isLetter || c.isNumber { out += c.lowercased() }
        }
        return out
    }

    /// Lowercase, accents folded, typographic apostrophes made plain.
    static func folded(_ s: String) -> String {
        s.replacingOccurrences(of: "’", with: "'")
            .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            .lowercased()
    }
}

/// An error building or checking a Panorama dataset (the bundled build or `add_edition`): one line naming the file and what is wrong.
public struct DatasetError: UserFacingError, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
