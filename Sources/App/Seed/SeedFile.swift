/// The demo content file (`Resources/Seed/ruhrkonferenz.json`), field for field.
struct SeedFile: Decodable, Sendable {
    struct Process: Decodable, Sendable {
        let slug: String
        let title: String
        let motto: String
        let goal: String
        let summary: String
        let decidedProjectCount: Int?
        let phases: [Phase]
    }

    struct Phase: Decodable, Sendable {
        let key: String
        let title: String
        let period: String
        let startsOn: String
        let endsOn: String?
        let summary: String
    }

    struct FieldOfAction: Decodable, Sendable {
        let slug: String
        let title: String
        let summary: String
    }

    struct Ministry: Decodable, Sendable {
        let slug: String
        let abbreviation: String
        let name: String
    }

    struct Moderator: Decodable, Sendable {
        let name: String
        let function: String?
        let organisation: String?
    }

    struct Forum: Decodable, Sendable {
        let slug: String
        let title: String
        let subtitle: String?
        let guidingQuestion: String
        let concept: String?
        let summary: String
        let leadMinistry: String
        let participatingMinistries: [String]
        let ministryNote: String?
        let fieldsOfAction: [String]
        let moderationTeam: [Moderator]
        let participantCircle: [String]
        let events: [Event]
    }

    struct Event: Decodable, Sendable {
        let number: Int
        let format: String
        let topic: String?
        let date: String?
        let startTime: String?
        let endTime: String?
        let allDay: Bool
        let dateNote: String?
        let venue: String?
        let municipality: String?
        let locationNote: String?
        let goal: String
        let participants: String
        let expectedCount: Int?
        let audience: String
    }

    struct Organisation: Decodable, Sendable {
        let slug: String
        let name: String
        let abbreviation: String?
        let kind: String
        let summary: String
    }

    struct Result: Decodable, Sendable {
        let text: String
        let value: Double?
        let qualifier: String?
        let unit: String?
        let asOf: String
    }

    struct Partner: Decodable, Sendable {
        let organisation: String
        let roles: [String]
    }

    struct Project: Decodable, Sendable {
        let slug: String
        let title: String
        let subtitle: String?
        let summary: String
        let goals: [String]
        let description: [String]
        let status: String
        let kind: String?
        let fieldsOfAction: [String]
        let originForum: String?
        let leadMinistry: String?
        let results: [Result]
        let partners: [Partner]
    }

    struct Page: Decodable, Sendable {
        let slug: String
        let title: String
        let summary: String
        let body: String
    }

    let process: Process
    let fieldsOfAction: [FieldOfAction]
    let ministries: [Ministry]
    let forums: [Forum]
    let organisations: [Organisation]
    let projects: [Project]
    let pages: [Page]
}

/// A row of `municipalities.csv` (BKG VG5000 and GeoNames data).
struct MunicipalityRow: Sendable {
    let name: String
    let kind: String
    let ags: String
    let district: String
    let isIndependentCity: Bool
    let latitude: Double
    let longitude: Double
    let geonamesID: Int?
}

/// A row of `venues.csv`; the venue column may end in "(address)".
struct VenueRow: Sendable {
    let name: String
    let address: String?
    let municipality: String?
    let latitude: Double?
    let longitude: Double?
    let coordinateStatus: String
}
