using Amazon.Runtime;
using EmrStudio.SessionMappingHandler.Emr;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using EmrStudio.Testing.Emr;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.Emr;

public sealed class EmrClientTests
{
    [Fact]
    public async Task CreateThenGet_ByName_ReturnsBothIdentityMembersAndEpochTimes()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient();

        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await client.CreateStudioSessionMappingAsync(session.Input(session.Group, byName: true), HangGuard.Deadline());
        var detail = await client.GetStudioSessionMappingAsync(session.Key(session.Group), HangGuard.Deadline());
        var after = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1;

        Assert.Equal(FakeEmrSession.StudioId, detail.StudioId);
        Assert.Equal("GROUP", detail.IdentityType);
        Assert.Equal(session.Group.Id, detail.IdentityId);
        Assert.Equal("data-scientists", detail.IdentityName);
        Assert.Equal(FakeEmrSession.PolicyArn, detail.SessionPolicyArn);
        // Epoch seconds, stamped while the call ran: bracketed by the clock read before and after it, however long it took.
        Assert.InRange(detail.CreationTime!.Value, before, after);
        Assert.NotNull(detail.LastModifiedTime);
        Assert.Empty(session.Emr.Rejections);
    }

    [Fact]
    public async Task Update_ExistingMapping_ChangesThePolicy()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient();
        await client.CreateStudioSessionMappingAsync(session.Input(session.User), HangGuard.Deadline());

        await client.UpdateStudioSessionMappingAsync(session.Input(session.User, byName: true, policyArn: FakeEmrSession.OtherPolicyArn), HangGuard.Deadline());

        var mapping = Assert.Single(session.Emr.Mappings);
        Assert.Equal(FakeEmrSession.OtherPolicyArn, mapping.SessionPolicyArn);
    }

    [Fact]
    public async Task Delete_ExistingMapping_RemovesItAndASecondDeleteIsNotFound()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient();
        await client.CreateStudioSessionMappingAsync(session.Input(session.User), HangGuard.Deadline());

        await client.DeleteStudioSessionMappingAsync(session.Key(session.User, byName: true), HangGuard.Deadline());
        var again = await Assert.ThrowsAsync<EmrException>(() => client.DeleteStudioSessionMappingAsync(session.Key(session.User), HangGuard.Deadline()));

        Assert.Empty(session.Emr.Mappings);
        Assert.True(again.IsMappingNotFound);
        Assert.False(again.IsStudioNotFound);
        Assert.Equal(400, again.StatusCode);
        Assert.Equal(EmrErrors.InvalidRequest, again.ErrorType);
    }

    [Fact]
    public async Task Get_MissingMapping_IsMappingNotFound()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient();

        var error = await Assert.ThrowsAsync<EmrException>(() => client.GetStudioSessionMappingAsync(session.Key(session.User), HangGuard.Deadline()));

        Assert.True(error.IsMappingNotFound);
        Assert.Equal(EmrErrors.MappingNotFound, error.ErrorMessage);
    }

    [Fact]
    public async Task Get_UnknownStudio_IsStudioNotFound()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient();

        var error = await Assert.ThrowsAsync<EmrException>(() => client.GetStudioSessionMappingAsync(session.Key(session.User, studioId: "es-MISSING"), HangGuard.Deadline()));

        Assert.True(error.IsStudioNotFound);
        Assert.False(error.IsMappingNotFound);
    }

    [Fact]
    public async Task Create_ExistingMapping_IsAlreadyExistsAndConfirmed()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient();
        session.Emr.PutMapping(FakeEmrSession.StudioId, session.User, FakeEmrSession.PolicyArn);

        var error = await Assert.ThrowsAsync<EmrException>(() => client.CreateStudioSessionMappingAsync(session.Input(session.User), HangGuard.Deadline()));

        Assert.True(error.IsAlreadyExists);
        Assert.False(error.AfterUnconfirmedAttempt);
        Assert.False(error.IsRetryable);
        Assert.Equal(1, session.Emr.CountOf("CreateStudioSessionMapping"));
    }

    [Fact]
    public async Task Create_UnknownIdentityId_IsIdentityIdInvalid()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient();
        var stranger = new FakeIdentity("USER", "nobody", Guid.NewGuid().ToString());

        var error = await Assert.ThrowsAsync<EmrException>(() => client.CreateStudioSessionMappingAsync(session.Input(stranger), HangGuard.Deadline()));

        Assert.Equal(EmrErrors.IdentityIdInvalid, error.ErrorMessage);
        Assert.True(error.IsInvalidRequest);
    }

    [Fact]
    public async Task Calls_UnderSixtyPercentThrottling_AllSucceed()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient();
        session.Emr.ThrottleFraction = 0.6;

        await client.CreateStudioSessionMappingAsync(session.Input(session.User), HangGuard.Deadline());
        await client.UpdateStudioSessionMappingAsync(session.Input(session.User, policyArn: FakeEmrSession.OtherPolicyArn), HangGuard.Deadline());
        var detail = await client.GetStudioSessionMappingAsync(session.Key(session.User), HangGuard.Deadline());
        await client.DeleteStudioSessionMappingAsync(session.Key(session.User), HangGuard.Deadline());

        Assert.Equal(FakeEmrSession.OtherPolicyArn, detail.SessionPolicyArn);
        Assert.Empty(session.Emr.Mappings);
        Assert.True(session.Emr.Requests.Count > 4, "Throttling should have forced retries.");
        Assert.Empty(session.Emr.Rejections);
    }

    [Fact]
    public async Task Get_AfterServerErrors_IsRetriedUntilItSucceeds()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient();
        session.Emr.PutMapping(FakeEmrSession.StudioId, session.User, FakeEmrSession.PolicyArn);
        session.Emr.FailNext("GetStudioSessionMapping", 3, FakeEmrFault.ServerError);

        var detail = await client.GetStudioSessionMappingAsync(session.Key(session.User), HangGuard.Deadline());

        Assert.Equal(session.User.Id, detail.IdentityId);
        Assert.Equal(4, session.Emr.CountOf("GetStudioSessionMapping"));
    }

    [Fact]
    public async Task Delete_AfterDroppedConnections_IsRetriedUntilItSucceeds()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient();
        session.Emr.PutMapping(FakeEmrSession.StudioId, session.User, FakeEmrSession.PolicyArn);
        session.Emr.FailNext("DeleteStudioSessionMapping", 2, FakeEmrFault.Drop);

        await client.DeleteStudioSessionMappingAsync(session.Key(session.User), HangGuard.Deadline());

        Assert.Empty(session.Emr.Mappings);
        Assert.Equal(3, session.Emr.CountOf("DeleteStudioSessionMapping"));
    }

    [Fact]
    public async Task Create_WhoseAnswerWasLost_EndsAlreadyExistsMarkedUnconfirmed()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient();
        session.Emr.FailNext("CreateStudioSessionMapping", 1, FakeEmrFault.DropAfterApplying);

        var error = await Assert.ThrowsAsync<EmrException>(() => client.CreateStudioSessionMappingAsync(session.Input(session.User), HangGuard.Deadline()));

        Assert.True(error.IsAlreadyExists);
        Assert.True(error.AfterUnconfirmedAttempt);
        Assert.Single(session.Emr.Mappings);
    }

    [Fact]
    public async Task Create_AfterThrottlingOnly_AlreadyExistsIsConfirmed()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient();
        session.Emr.PutMapping(FakeEmrSession.StudioId, session.User, FakeEmrSession.PolicyArn);
        session.Emr.FailNext("CreateStudioSessionMapping", 2, FakeEmrFault.Throttle);

        var error = await Assert.ThrowsAsync<EmrException>(() => client.CreateStudioSessionMappingAsync(session.Input(session.User), HangGuard.Deadline()));

        Assert.True(error.IsAlreadyExists);
        Assert.False(error.AfterUnconfirmedAttempt);
    }

    [Fact]
    public async Task Get_WhileEmrIsDown_RetriesUntilTheTokenEnds()
    {
        await using var session = await FakeEmrSession.StartAsync();
        var time = new WatchedTimeProvider();
        var wait = TimeSpan.FromMilliseconds(50);
        using var client = session.CreateClient(time: time, backoff: TestBackoffs.Exactly(wait));
        session.Emr.Down = true;
        // The deadline falls halfway through the wait after the second attempt.
        var end = wait * 1.5;
        using var deadline = new CancellationTokenSource(end, time);

        var call = client.GetStudioSessionMappingAsync(session.Key(session.User), deadline.Token);
        await time.WaitForTimerAsync(wait, occurrence: 1);
        time.Advance(wait);
        await time.WaitForTimerAsync(wait, occurrence: 2);
        time.Advance(end - wait);

        // The cancellation carries the second 503, the last failure before the deadline.
        var ended = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.Guarded());
        var last = Assert.IsType<EmrException>(ended.InnerException);
        Assert.Equal(503, last.StatusCode);
        Assert.Equal(2, session.Emr.CountOf("GetStudioSessionMapping"));
    }

    [Fact]
    public async Task Get_WhenAnswersStall_EachAttemptTimesOutAndTheCallEndsWithTheToken()
    {
        await using var session = await FakeEmrSession.StartAsync();
        var time = new WatchedTimeProvider();
        var attemptTimeout = TimeSpan.FromMilliseconds(150);
        using var client = session.CreateClient(attemptTimeout, time: time);
        session.Emr.FailNext("GetStudioSessionMapping", 3, FakeEmrFault.Stall);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(400), time);

        var call = client.GetStudioSessionMappingAsync(session.Key(session.User), deadline.Token);
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            await session.Emr.WaitForRequestAsync(attempt, HangGuard.Limit);
            await time.WaitForTimerAsync(attemptTimeout, attempt);
            time.Advance(attemptTimeout);
        }

        await session.Emr.WaitForRequestAsync(3, HangGuard.Limit);
        await time.WaitForTimerAsync(attemptTimeout, 3);
        time.Advance(TimeSpan.FromMilliseconds(400) - (2 * attemptTimeout));

        // Two stalled attempts gave way to another; the deadline fell during the third, and names the timeout before it.
        var ended = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.Guarded());
        Assert.IsType<TimeoutException>(ended.InnerException);
        Assert.Equal(3, session.Emr.CountOf("GetStudioSessionMapping"));
        Assert.Equal(["AttemptTimeout", "AttemptTimeout", "DeadlineReached"], session.Log.Lines.Select(line => line.Fields["errorType"]));
    }

    [Fact]
    public async Task Get_WhenStalledOnceThenAnswered_Succeeds()
    {
        await using var session = await FakeEmrSession.StartAsync();
        var time = new WatchedTimeProvider();
        var attemptTimeout = TimeSpan.FromMilliseconds(200);
        using var client = session.CreateClient(attemptTimeout, time: time);
        session.Emr.PutMapping(FakeEmrSession.StudioId, session.User, FakeEmrSession.PolicyArn);
        session.Emr.FailNext("GetStudioSessionMapping", 1, FakeEmrFault.Stall);

        var call = client.GetStudioSessionMappingAsync(session.Key(session.User), HangGuard.Deadline());
        await session.Emr.WaitForRequestAsync(1, HangGuard.Limit);
        await time.WaitForTimerAsync(attemptTimeout);
        time.Advance(attemptTimeout);
        var detail = await call.Guarded();

        Assert.Equal(session.User.Id, detail.IdentityId);
        Assert.Equal(2, session.Emr.CountOf("GetStudioSessionMapping"));
    }

    [Fact]
    public async Task Requests_CarryTheJson11HeadersAndAValidSignature()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient();

        await Assert.ThrowsAsync<EmrException>(() => client.GetStudioSessionMappingAsync(session.Key(session.User, byName: true), HangGuard.Deadline()));

        var request = Assert.Single(session.Emr.Requests);
        Assert.Equal("GetStudioSessionMapping", request.Operation);
        Assert.Equal("ElasticMapReduce.GetStudioSessionMapping", request.Headers["X-Amz-Target"]);
        Assert.Equal("application/x-amz-json-1.1", request.Headers["Content-Type"]);
        Assert.StartsWith($"AWS4-HMAC-SHA256 Credential={FakeEmr.AccessKeyId}/", request.Headers["Authorization"], StringComparison.Ordinal);
        Assert.Contains("/us-east-1/elasticmapreduce/aws4_request", request.Headers["Authorization"], StringComparison.Ordinal);
        Assert.True(request.Headers.ContainsKey("X-Amz-Date"));
        Assert.Equal("alice", request.Body!["IdentityName"]!.GetValue<string>());
        Assert.False(request.Body.ContainsKey("IdentityId"));
        Assert.Empty(session.Emr.Rejections);
    }

    [Fact]
    public async Task Request_SignedWithTheWrongSecret_IsRejectedAndNotRetried()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient(credentials: new BasicAWSCredentials(FakeEmr.AccessKeyId, "not-the-secret"));

        var error = await Assert.ThrowsAsync<EmrException>(() => client.GetStudioSessionMappingAsync(session.Key(session.User), HangGuard.Deadline()));

        Assert.Equal("InvalidSignatureException", error.ErrorType);
        Assert.Equal(403, error.StatusCode);
        Assert.Single(session.Emr.Rejections);
        Assert.Single(session.Emr.Requests);
    }

    [Fact]
    public async Task EveryAttempt_IsLoggedWithoutCredentials()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient();
        session.Emr.PutMapping(FakeEmrSession.StudioId, session.User, FakeEmrSession.PolicyArn);
        session.Emr.FailNext("GetStudioSessionMapping", 1, FakeEmrFault.Throttle);

        await client.GetStudioSessionMappingAsync(session.Key(session.User), HangGuard.Deadline());

        var lines = session.Log.Lines;
        Assert.Equal(2, lines.Count);
        Assert.Equal("GetStudioSessionMapping", lines[0].Fields["operation"]);
        Assert.Equal(1, lines[0].Fields["attempt"]);
        Assert.Equal(400, lines[0].Fields["httpStatus"]);
        Assert.Equal(EmrErrors.Throttling, lines[0].Fields["errorType"]);
        Assert.Equal(true, lines[0].Fields["retrying"]);
        Assert.IsType<long>(lines[0].Fields["durationMs"]);
        Assert.Equal(2, lines[1].Fields["attempt"]);
        Assert.Equal(200, lines[1].Fields["httpStatus"]);
        Assert.Equal(false, lines[1].Fields["retrying"]);
        var everything = string.Join('\n', lines.SelectMany(line => line.Fields.Select(field => $"{field.Key}={field.Value}")));
        Assert.DoesNotContain(FakeEmr.SecretAccessKey, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeEmr.AccessKeyId, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("AWS4-HMAC-SHA256", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_WithAnAlreadyEndedToken_ThrowsWithoutSending()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetStudioSessionMappingAsync(session.Key(session.User), new CancellationToken(canceled: true)));

        Assert.Empty(session.Emr.Requests);
    }

    [Theory]
    [InlineData("analysts")]
    [InlineData("Données & Analyse")]
    [InlineData("数据科学家")]
    [InlineData("team \U0001F680 rockets")]
    [InlineData("tab\there\r\nnew line")]
    [InlineData("quote\" back\\slash </script>")]
    public async Task CreateThenGet_AnyLegalName_RoundTripsSignedAndUnrejected(string name)
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient();
        var group = session.Emr.AddGroup(name);

        await client.CreateStudioSessionMappingAsync(session.Input(group, byName: true), HangGuard.Deadline());
        var detail = await client.GetStudioSessionMappingAsync(session.Key(group), HangGuard.Deadline());

        Assert.Equal(name, detail.IdentityName);
        Assert.Empty(session.Emr.Rejections);
    }

    [Fact]
    public async Task Create_LongestLegalStrings_AreNotRejected()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient();
        var group = session.Emr.AddGroup(new string('g', 256));
        var policy = "arn:aws:iam::123456789012:policy/" + new string('p', 256 - 33);

        await client.CreateStudioSessionMappingAsync(session.Input(group, byName: true, policyArn: policy), HangGuard.Deadline());

        Assert.Equal(policy, Assert.Single(session.Emr.Mappings).SessionPolicyArn);
        Assert.Empty(session.Emr.Rejections);
    }

    [Fact]
    public async Task Get_AfterAConnectTimeout_IsRetried()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient(wrapConnections: inner => new ConnectTimeoutOnceHandler(inner));
        session.Emr.PutMapping(FakeEmrSession.StudioId, session.User, FakeEmrSession.PolicyArn);

        var detail = await client.GetStudioSessionMappingAsync(session.Key(session.User), HangGuard.Deadline());

        Assert.Equal(session.User.Id, detail.IdentityId);
        Assert.Equal("ConnectTimeout", session.Log.Lines[0].Fields["errorType"]);
        Assert.Equal(true, session.Log.Lines[0].Fields["retrying"]);
    }
}
