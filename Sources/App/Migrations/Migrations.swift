import Fluent

/// All migrations in the order they run. New ones are appended with the next number.
enum Migrations {
    static let all: [any AsyncMigration] = [
        M001CreateFoundation(),
        M002CreateParticipation(),
        M003CreateProposals(),
        M004CreateAttachments(),
        M005CreateSearch(),
        M006CreateNewsletter(),
        M007CreateNews(),
        M008CreateBackOffice(),
        M009CreateSiteState(),
        M010AlignSearchRows(),
        M011AddIndexes(),
        M012AddIdeaCounters(),
        M013AddPlaceIndexes(),
        M014AddForumIdeaCounts(),
        M015DropDuplicateIdeaIndex(),
        M016CreateNotifications(),
        M017AddEventCancellation(),
        M018CreateEventRegistrations(),
        M019AddEventOutcomes(),
        M020AddPendingNotificationsByPerson(),
        M021CreateSignInFailures(),
        M022AddQueuedOutboxIndex(),
        M023AddEventDetails(),
        M024AddLatestIdeasIndex(),
    ]
}
