using Vigil.Alerting.Cap.Authoring;

namespace Vigil.Alerting.Tests.Authoring;

public sealed class CapApprovalTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Supervisor_other_than_the_author_issues_and_sent_is_the_issue_time()
    {
        var clock = new FakeTimeProvider(T0);
        var approval = new CapApproval(clock);
        Assert.True(approval.TryDraft("dispatcher.ana", CapAlertBuilderTests.Plume(T0), out var draft, out _));
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.True(approval.TryIssue(draft!, "supervisor.ben", isSupervisor: true, out var issued, out var error), error);
        Assert.Equal(CapDraftState.Issued, issued!.State);
        Assert.Equal(T0.AddMinutes(4), issued.Alert.Sent);
        Assert.Equal("supervisor.ben", issued.DecidedBy);
    }

    [Theory]
    [InlineData("dispatcher.ana", true, "author")]
    [InlineData("dispatcher.carl", false, "supervisor")]
    public void Author_or_non_supervisor_cannot_issue(string who, bool isSupervisor, string reason)
    {
        var approval = new CapApproval(new FakeTimeProvider(T0));
        Assert.True(approval.TryDraft("dispatcher.ana", CapAlertBuilderTests.Plume(T0), out var draft, out _));
        Assert.False(approval.TryIssue(draft!, who, isSupervisor, out var issued, out var error));
        Assert.Null(issued);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejected_draft_cannot_be_issued_later()
    {
        var approval = new CapApproval(new FakeTimeProvider(T0));
        Assert.True(approval.TryDraft("dispatcher.ana", CapAlertBuilderTests.Plume(T0), out var draft, out _));
        Assert.True(approval.TryReject(draft!, "supervisor.ben", true, "wrong district", out var rejected, out _));
        Assert.False(approval.TryIssue(rejected!, "supervisor.ben", true, out _, out var error));
        Assert.Contains("rejected", error, StringComparison.Ordinal);
    }
}
