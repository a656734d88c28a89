import FluentKit
import Foundation
import Testing

@testable import App

@Suite("Demo content")
struct SeedTests {
    @Test("the files compiled into the binary are the seed files of the repository")
    func embeddedFilesMatchTheRepository() throws {
        // Setup: the seed folder beside the sources.
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../Sources/App/Resources/Seed")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        // Action and check: the same names and the same text; scripts/embed_seed.py writes them anew.
        #expect(EmbeddedSeed.files.keys.sorted() == names)
        for name in names {
            let onDisk = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(EmbeddedSeed.files[name] == onDisk, "\(name) differs: run scripts/embed_seed.py")
        }
        #expect(RegionMap.shared?.districts.count == 15)
    }

    @Test("the seed loads exactly what the seeds describe", arguments: TestDatabase.available)
    func counts(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: withApp seeded the database. Action: count. Check:
            let measured1 = try await Forum.query(on: app.db).count()
            #expect(measured1 == 20)
            let measured2 = try await Event.query(on: app.db).count()
            #expect(measured2 == 46)
            let measured3 = try await Municipality.query(on: app.db).count()
            #expect(measured3 == 53)
            let measured4 = try await FieldOfAction.query(on: app.db).count()
            #expect(measured4 == 5)
            let measured5 = try await Phase.query(on: app.db).count()
            #expect(measured5 == 3)
            let measured6 = try await ParticipationProcess.query(on: app.db).count()
            #expect(measured6 == 1)
            let measured7 = try await Project.query(on: app.db).count()
            #expect(measured7 == 1)
            let measured8 = try await StaticPage.query(on: app.db).count()
            #expect(measured8 == 5)
            let measured9 = try await ProjectResult.query(on: app.db).count()
            #expect(measured9 == 8)
            let independentCities = try await Municipality.query(on: app.db).filter(\.$isIndependentCity == true).count()
            #expect(independentCities == 11)
            let sourcedVenues = try await Venue.query(on: app.db).filter(\.$coordinateStatus == "sourced").count()
            #expect(sourcedVenues == 6)
        }
    }

    @Test("seeding again changes no counts", arguments: TestDatabase.available)
    func idempotent(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let before = try await tableCounts(app.db)
            let report = try await Seeder.seed(try DemoContent.bundled(), on: app.db)
            #expect(report.forums == 20)
            #expect(report.events == 46)
            let measured12 = try await tableCounts(app.db)
            #expect(measured12 == before)
        }
    }

    @Test("every event of every forum is numbered 1…n without gaps", arguments: TestDatabase.available)
    func eventNumbering(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let forums = try await Forum.query(on: app.db).with(\.$events).all()
            for forum in forums {
                #expect(forum.events.map(\.number).sorted() == Array(1...forum.events.count), "\(forum.slug)")
                #expect(!forum.events.isEmpty)
            }
        }
    }

    @Test("facts arrive as the seeds give them", arguments: TestDatabase.available)
    func facts(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let mobilityFound = try await Forum.query(on: app.db).filter(\.$title == "Neue Mobilität").with(\.$leadMinistry).with(\.$events).first()
            let mobility = try #require(mobilityFound)
            #expect(mobility.guidingQuestion == "Wie vernetzen wir die Metropolregion Ruhr?")
            #expect(mobility.leadMinistry.abbreviation == "VM")
            #expect(mobility.events.count == 3)

            let talentFound = try await EventSummary.query(on: app.db).filter(\.$date == "2019-04-08").filter(\.$startTime == "12:00").first()
            let talent = try #require(talentFound)
            #expect(talent.endTime == "18:00")
            #expect(talent.venue?.name == "Signal Iduna Park")
            #expect(talent.venue?.municipality?.name == "Dortmund")

            let symposiumFound = try await Event.query(on: app.db).filter(\.$date == "2019-01-30").first()
            let symposium = try #require(symposiumFound)
            #expect(symposium.isAllDay)
            #expect(symposium.audience == "public")

            let projectFound = try await Project.query(on: app.db).with(\.$results).first()
            let project = try #require(projectFound)
            let figures = project.results.compactMap(\.value).sorted()
            #expect(figures == [18, 65, 100, 180])
            #expect(Set(project.results.map(\.asOf)) == ["2024-05"])
        }
    }

    private func tableCounts(_ database: any Database) async throws -> [Int] {
        [
            try await Municipality.query(on: database).count(),
            try await Venue.query(on: database).count(),
            try await Ministry.query(on: database).count(),
            try await Forum.query(on: database).count(),
            try await ForumMinistry.query(on: database).count(),
            try await ForumField.query(on: database).count(),
            try await Person.query(on: database).count(),
            try await ForumModerator.query(on: database).count(),
            try await Event.query(on: database).count(),
            try await Organisation.query(on: database).count(),
            try await ProjectPartner.query(on: database).count(),
            try await ProjectResult.query(on: database).count(),
            try await StaticPage.query(on: database).count(),
            try await Phase.query(on: database).count(),
        ]
    }
}
