import Fluent
import Foundation
import Vapor

enum ProjectDashboardController {
    @Sendable static func show(req: Request) async throws -> Response {
        ProjectDashboardPage.View(model: try await query(on: req.db)).response(req)
    }

    static func query(on database: any Database) async throws -> ProjectDashboardPage.Model {
        let projects = try await Project.query(on: database).with(\.$fieldsOfAction).with(\.$funding).all()
        let fields = try await FieldOfAction.query(on: database).sort(\.$position).all()
        return ProjectDashboardPage.Model(
            byStatus: ProjectStatus.allCases.map { status in
                Charts.Point(label: status.label, value: Double(projects.filter { $0.status == status.rawValue }.count))
            },
            byField: fields.map { field in
                Charts.Point(label: field.title, value: Double(projects.filter { $0.fieldsOfAction.contains { $0.id == field.id } }.count))
            },
            fundingBySource: FundingSource.allCases.map { source in
                Charts.Point(
                    label: source.label,
                    value: Double(projects.flatMap(\.funding).filter { $0.source == source.rawValue }.reduce(0) { $0 + $1.amount }))
            },
            projectCount: projects.count
        )
    }
}
