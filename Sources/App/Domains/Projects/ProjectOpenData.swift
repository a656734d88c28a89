import Fluent
import Foundation
import Vapor

extension OpenData {
    struct Project: Codable, Sendable, Equatable {
        let slug: String
        let title: String
        let summary: String
        let status: String
        let kind: String?
        let fieldsOfAction: [String]
        let originForum: String?
        let proposal: UUID?
        let leadMinistry: String?
        let startsOn: String?
        let endsOn: String?
        let municipalities: [String]
        let fundingState: Int
        let fundingFederal: Int
        let fundingEU: Int
        let fundingOther: Int
    }

    struct Result: Codable, Sendable, Equatable {
        let project: String
        let series: Int
        let text: String
        let value: Double?
        let qualifier: String?
        let unit: String?
        let asOf: String
    }

    struct Partner: Codable, Sendable, Equatable {
        let project: String
        let organisation: String
        let organisationName: String
        let role: String
    }

    struct Organisation: Codable, Sendable, Equatable {
        let slug: String
        let name: String
        let abbreviation: String?
        let kind: String
        let summary: String
        let website: String?
    }
}

extension OpenData {
    static func projects(on database: any Database) async throws -> [Project] {
        let projects = try await App.Project.query(on: database)
            .with(\.$fieldsOfAction).with(\.$originForum).with(\.$leadMinistry).with(\.$funding).with(\.$places)
            .sort(\.$slug)
            .all()
        return projects.map { project in
            func funding(_ source: FundingSource) -> Int { project.funding.filter { $0.source == source.rawValue }.reduce(0) { $0 + $1.amount } }
            return Project(
                slug: project.slug, title: project.title, summary: project.summary, status: project.status, kind: project.kind,
                fieldsOfAction: project.fieldsOfAction.sorted { $0.position < $1.position }.map(\.slug),
                originForum: project.originForum?.slug, proposal: project.$proposal.id, leadMinistry: project.leadMinistry?.abbreviation,
                startsOn: project.startsOn, endsOn: project.endsOn, municipalities: project.places.map(\.ags).sorted(),
                fundingState: funding(.state), fundingFederal: funding(.federal), fundingEU: funding(.eu), fundingOther: funding(.other)
            )
        }
    }

    static func results(on database: any Database) async throws -> [Result] {
        let results = try await ProjectResult.query(on: database).with(\.$project).all()
        return results.map {
            Result(
                project: $0.project.slug, series: $0.position, text: $0.text, value: $0.value, qualifier: $0.qualifier, unit: $0.unit, asOf: $0.asOf)
        }
        .sorted { ($0.project, $0.series, $0.asOf) < ($1.project, $1.series, $1.asOf) }
    }

    static func partners(on database: any Database) async throws -> [Partner] {
        let links = try await ProjectPartner.query(on: database).with(\.$project).with(\.$organisation).sort(\.$position).all()
        return links.map {
            Partner(project: $0.project.slug, organisation: $0.organisation.slug, organisationName: $0.organisation.name, role: $0.role)
        }
        .sorted { ($0.project, $0.organisation, $0.role) < ($1.project, $1.organisation, $1.role) }
    }

    static func organisations(on database: any Database) async throws -> [Organisation] {
        try await App.Organisation.query(on: database).sort(\.$slug).all()
            .map {
                Organisation(slug: $0.slug, name: $0.name, abbreviation: $0.abbreviation, kind: $0.kind, summary: $0.summary, website: $0.website)
            }
    }
}

extension OpenData.Project: CSVRecord {
    static let csvHeader = [
        "slug", "titel", "kurzbeschreibung", "status", "art", "handlungsfelder", "themenforum", "vorschlag", "ressort", "beginn", "ende",
        "gemeindeschluessel", "mittel_land_eur", "mittel_bund_eur", "mittel_eu_eur", "mittel_sonstige_eur",
    ]
    var csvFields: [String] {
        [
            slug, title, summary, status, CSVWriter.text(kind), CSVWriter.list(fieldsOfAction), CSVWriter.text(originForum),
            proposal?.formValue ?? "",
            CSVWriter.text(leadMinistry), CSVWriter.text(startsOn), CSVWriter.text(endsOn), CSVWriter.list(municipalities),
            String(fundingState), String(fundingFederal), String(fundingEU), String(fundingOther),
        ]
    }
}

extension OpenData.Result: CSVRecord {
    static let csvHeader = ["projekt", "reihe", "text", "wert", "vorsatz", "einheit", "stand"]
    var csvFields: [String] { [project, String(series), text, CSVWriter.number(value), CSVWriter.text(qualifier), CSVWriter.text(unit), asOf] }
}

extension OpenData.Partner: CSVRecord {
    static let csvHeader = ["projekt", "organisation", "organisation_name", "rolle"]
    var csvFields: [String] { [project, organisation, organisationName, role] }
}

extension Dataset {
    static let projects = Dataset.list(
        name: "projekte", title: "Projekte",
        summary: "Projekte mit Status, Art, Laufzeit, Orten und geplanter Finanzierung nach Mittelgeber.",
        records: OpenData.projects)

    static let results = Dataset.list(
        name: "resultate", title: "Resultate der Projekte",
        summary: "Von den Projekten gemeldete Resultate mit Zahl, Einheit und Stand, auch frühere Stände.",
        records: OpenData.results)

    static let partners = Dataset.list(
        name: "partner", title: "Partner der Projekte", summary: "Organisationen und ihre Rollen in den Projekten.",
        records: OpenData.partners)
}

extension APICollection {
    struct ProjectDetail: Encodable, Sendable {
        let project: OpenData.Project
        let results: [OpenData.Result]
        let partners: [OpenData.Partner]
    }

    /// A single project comes with its results and partners.
    static let projects = APICollection(
        resource: .projects,
        list: { req, paging in try APIController.page(try await OpenData.projects(on: req.db), paging) },
        item: { req, slug in
            guard let project = try await OpenData.projects(on: req.db).first(where: { $0.slug == slug }) else {
                throw APIController.notFound("project")
            }
            return try APIController.json(
                ProjectDetail(
                    project: project,
                    results: try await OpenData.results(on: req.db).filter { $0.project == slug },
                    partners: try await OpenData.partners(on: req.db).filter { $0.project == slug }
                ))
        }, schemas: [.project, .projectDetail, .partner], detailSchema: APISchema.projectDetail.name)

    /// Results are listed only; they have no address of their own.
    static let results = APICollection(
        resource: .results, list: { req, paging in try APIController.page(try await OpenData.results(on: req.db), paging) }, item: nil,
        schemas: [.result])

    static let organisations = APICollection.records(
        .organisations, schema: .organisation, notFound: "organisation", records: OpenData.organisations
    ) {
        organisation, slug in organisation.slug == slug
    }
}

extension APISchema {
    static let project = APISchema(
        "Project",
        [
            ("slug", .string, true), ("title", .string, true), ("summary", .string, true), ("status", .string, true), ("kind", .string, false),
            ("fieldsOfAction", .strings, true), ("originForum", .string, false), ("proposal", .uuid, false), ("leadMinistry", .string, false),
            ("startsOn", .string, false), ("endsOn", .string, false), ("municipalities", .strings, true), ("fundingState", .integer, true),
            ("fundingFederal", .integer, true), ("fundingEU", .integer, true), ("fundingOther", .integer, true),
        ])

    static let result = APISchema(
        "Result",
        [
            ("project", .string, true), ("series", .integer, true), ("text", .string, true), ("value", .number, false),
            ("qualifier", .string, false), ("unit", .string, false), ("asOf", .string, true),
        ])

    static let partner = APISchema(
        "Partner", [("project", .string, true), ("organisation", .string, true), ("organisationName", .string, true), ("role", .string, true)])

    static let organisation = APISchema(
        "Organisation",
        [
            ("slug", .string, true), ("name", .string, true), ("abbreviation", .string, false), ("kind", .string, true),
            ("summary", .string, true), ("website", .string, false),
        ])

    static let projectDetail = APISchema(
        "ProjectDetail",
        [("project", .reference("Project"), true), ("results", .references("Result"), true), ("partners", .references("Partner"), true)])
}
