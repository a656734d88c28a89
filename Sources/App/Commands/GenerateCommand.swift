import Fluent
import Foundation
import Vapor

/// `generate`: a large, plausible data set for benchmarks on top of the demo content: accounts,
/// ideas in every forum, threaded comments, ratings and projects with results.
struct GenerateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "users", help: "accounts (default 5000)") var users: Int?
        @Option(name: "ideas", help: "ideas (default 100000)") var ideas: Int?
        @Option(name: "comments", help: "comments on ideas (default 300000)") var comments: Int?
        @Option(name: "projects", help: "projects with results (default 1000)") var projects: Int?
    }

    var help: String {
        "Adds generated accounts, ideas, comments, ratings and projects for benchmarks (defaults: 5000, 100000, 300000, 1000) "
            + "and rebuilds the search index."
    }

    static let batch = 1_000
    /// A thousand compound nouns; drawn with a skew, so a few are common and most are rare, as
    /// words in real texts are.
    static let words: [String] = {
        let stems = [
            "Rad", "Bahn", "Bus", "Schul", "Kita", "Park", "Halden", "Emscher", "Stadt", "Markt", "Wasser", "Solar", "Kultur",
            "Sport", "Pflege", "Wald", "Hafen", "Zechen", "Kanal", "Brücken", "Quartiers", "Nachbarschafts", "Bildungs", "Gründer",
            "Jugend", "Senioren", "Familien", "Arbeits", "Energie", "Klima", "Lärm", "Licht", "Spiel", "Garten", "Kunst", "Musik",
            "Theater", "Museums", "Handwerks", "Digital",
        ]
        let endings = [
            "weg", "platz", "netz", "zentrum", "haus", "treff", "werkstatt", "bank", "dach", "garten", "hof", "station",
            "linie", "plan", "fest", "laden", "labor", "schule", "verein", "fonds", "beirat", "karte", "pfad", "insel", "raum",
        ]
        var generator = SeededGenerator(seed: 7)
        return stems.flatMap { stem in endings.map { stem + $0 } }.shuffled(using: &generator)
    }()

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let database = app.db
        var random = SeededGenerator(seed: 2026)
        let forums = try await Forum.query(on: database).all()
        let ministries = try await Ministry.query(on: database).all()
        let municipalities = try await Municipality.query(on: database).all()
        guard !forums.isEmpty else { throw RoleCommand.Failure(description: "Load the demo content first: `metropole seed`.") }
        func phrase(_ count: Int) -> String {
            (0..<count).map { _ in
                let skewed = pow(Double.random(in: 0..<1, using: &random), 2)
                return Self.words[Int(skewed * Double(Self.words.count))]
            }.joined(separator: " ")
        }
        let started = Date()
        let now = Date()

        var userIDs: [UUID] = []
        for start in stride(from: 0, to: signature.users ?? 5_000, by: Self.batch) {
            let users = (start..<min(start + Self.batch, signature.users ?? 5_000)).map { number in
                let user = User()
                user.id = UUID()
                user.displayName = "Testperson \(number)"
                user.email = "testperson\(number)-\(UUID().uuidString.prefix(4).lowercased())@beispiel.de"
                user.passwordHash = app.metropole.unusablePasswordHash
                user.emailConfirmedAt = now
                user.isAdmin = false
                user.createdAt = now
                return user
            }
            try await users.create(on: database)
            userIDs += users.compactMap(\.id)
        }

        var ideaIDs: [UUID] = []
        for start in stride(from: 0, to: signature.ideas ?? 100_000, by: Self.batch) {
            let ideas = (start..<min(start + Self.batch, signature.ideas ?? 100_000)).map { number in
                let idea = Idea()
                idea.id = UUID()
                idea.$forum.id = forums[number % forums.count].id!
                idea.$author.id = userIDs.randomElement(using: &random)!
                idea.title = "\(phrase(3)) – Idee \(number)"
                idea.body = "Vorschlag: \(phrase(25)). Damit würde \(phrase(8)) besser erreichbar."
                idea.$municipality.id = number % 3 == 0 ? municipalities.randomElement(using: &random)?.id : nil
                idea.status = IdeaStatus.published.rawValue
                idea.createdAt = now.addingTimeInterval(-Double(number) * 60)
                idea.publishedAt = idea.createdAt
                return idea
            }
            try await database.transaction { try await ideas.create(on: $0) }
            ideaIDs += ideas.compactMap(\.id)
        }

        let commentCount = signature.comments ?? 300_000
        for start in stride(from: 0, to: commentCount, by: Self.batch) {
            let comments = (start..<min(start + Self.batch, commentCount)).map { number in
                let comment = Comment()
                comment.id = UUID()
                comment.targetKind = ContentKind.idea.rawValue
                comment.targetID = ideaIDs.isEmpty ? UUID() : ideaIDs[(number * 7) % ideaIDs.count]
                comment.depth = 1
                comment.$author.id = userIDs.randomElement(using: &random)!
                comment.body = "Gute Idee, aber \(phrase(12))."
                comment.createdAt = now.addingTimeInterval(-Double(number) * 10)
                return comment
            }
            try await database.transaction { try await comments.create(on: $0) }
        }

        for start in stride(from: 0, to: min(ideaIDs.count, 50_000), by: Self.batch) {
            let ratings = (start..<min(start + Self.batch, min(ideaIDs.count, 50_000))).map { number in
                let rating = Rating()
                rating.targetKind = ContentKind.idea.rawValue
                rating.targetID = ideaIDs[number]
                rating.$user.id = userIDs[number % userIDs.count]
                rating.stars = 1 + number % 5
                rating.createdAt = now
                rating.updatedAt = now
                return rating
            }
            try await database.transaction { try await ratings.create(on: $0) }
        }
        try await IdeaCounters.refreshAll(on: database)

        let projectCount = signature.projects ?? 1_000
        for start in stride(from: 0, to: projectCount, by: 200) {
            let projects = (start..<min(start + 200, projectCount)).map { number in
                let project = Project()
                project.id = UUID()
                project.slug = "generiertes-projekt-\(number)"
                project.title = "\(phrase(2)) für das Ruhrgebiet \(number)"
                project.summary = "Das Projekt verbindet \(phrase(10))."
                project.goals = [phrase(6), phrase(6)]
                project.description = [phrase(30), phrase(30)]
                project.status = ProjectStatus.allCases[number % 4].rawValue
                project.kind = number % 2 == 0 ? ProjectKind.single.rawValue : ProjectKind.lead.rawValue
                project.$originForum.id = forums[number % forums.count].id
                project.$leadMinistry.id = ministries.isEmpty ? nil : ministries[number % ministries.count].id
                project.startsOn = "2020-0\(1 + number % 9)-01"
                return project
            }
            try await database.transaction { database in
                try await projects.create(on: database)
                let results = projects.flatMap { project in
                    (1...3).map { position in
                        let result = ProjectResult()
                        result.$project.id = project.id!
                        result.position = position
                        result.text = "Teilnehmende \(position)"
                        result.value = Double(position * 100 + project.title.count)
                        result.unit = "Personen"
                        result.asOf = "202\(position + 1)-05"
                        return result
                    }
                }
                try await results.create(on: database)
            }
        }
        let indexed = try await Search.rebuild(on: database)
        context.console.print(
            "Generated \(userIDs.count) accounts, \(ideaIDs.count) ideas, \(commentCount) comments, \(min(ideaIDs.count, 50_000)) ratings, "
                + "\(projectCount) projects; \(indexed) search documents; \(Int(Date().timeIntervalSince(started))) s."
        )
    }
}

/// A small deterministic generator (SplitMix64), so generated data sets are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
