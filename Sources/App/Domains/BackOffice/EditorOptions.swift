import Fluent
import Foundation

/// The choices the back-office forms offer, read from the database.
enum EditorOptions {
    static func ministries(_ database: any Database) async throws -> [EditorOption] {
        try await Ministry.query(on: database).sort(\.$abbreviation).all()
            .map { EditorOption(value: try $0.requireID().formValue, label: "\($0.abbreviation) – \($0.name)") }
    }

    static func forums(_ database: any Database) async throws -> [EditorOption] {
        try await Forum.query(on: database).sort(\.$position).all()
            .map { EditorOption(value: try $0.requireID().formValue, label: $0.title) }
    }

    static func fields(_ database: any Database) async throws -> [EditorOption] {
        try await FieldOfAction.query(on: database).sort(\.$position).all()
            .map { EditorOption(value: try $0.requireID().formValue, label: $0.title) }
    }

    static func municipalities(_ database: any Database) async throws -> [EditorOption] {
        try await Municipality.query(on: database).sort(\.$name).all()
            .map { EditorOption(value: try $0.requireID().formValue, label: "\($0.name) (\($0.district))") }
    }

    static func venues(_ database: any Database) async throws -> [EditorOption] {
        try await Venue.query(on: database).with(\.$municipality).sort(\.$name).all()
            .map { venue in
                let place = venue.municipality.map { ", \($0.name)" } ?? ""
                return EditorOption(value: try venue.requireID().formValue, label: venue.name + place)
            }
    }

    static func organisations(_ database: any Database) async throws -> [EditorOption] {
        try await Organisation.query(on: database).sort(\.$name).all()
            .map { EditorOption(value: try $0.requireID().formValue, label: ($0.abbreviation.map { "\($0) – " } ?? "") + $0.name) }
    }

    static func projects(_ database: any Database) async throws -> [EditorOption] {
        try await Project.query(on: database).sort(\.$title).all()
            .map { EditorOption(value: try $0.requireID().formValue, label: $0.title) }
    }

    static let audiences = [EditorOption(value: "public", label: "öffentlich"), EditorOption(value: "invited", label: "nur auf Einladung")]
    static let projectStatuses = ProjectStatus.allCases.map { EditorOption(value: $0.rawValue, label: $0.label) }
    static let projectKinds = ProjectKind.allCases.map { EditorOption(value: $0.rawValue, label: $0.label) }
    static let coordinateStatuses = [
        EditorOption(value: "sourced", label: "aus einer Quelle übernommen"),
        EditorOption(value: "unverified", label: "geschätzt, in der richtigen Kommune"),
        EditorOption(value: "none", label: "keine Koordinaten"),
    ]
    static let organisationKinds = [
        "ministry", "municipality", "network", "transport-association", "chamber-network", "initiative", "process", "company", "association", "other",
    ]
    .map { EditorOption(value: $0, label: OrganisationPages.kindLabel($0)) }
    static let attachmentOwners = [
        EditorOption(value: "project", label: "Projekt"), EditorOption(value: "forum", label: "Themenforum"),
        EditorOption(value: "event", label: "Veranstaltung"), EditorOption(value: "page", label: "Seite"),
    ]
}
