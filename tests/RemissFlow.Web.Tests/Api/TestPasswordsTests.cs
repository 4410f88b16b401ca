using System.Buffers.Binary;
using Microsoft.EntityFrameworkCore;
using RemissFlow.Core.Persistence;
using RemissFlow.Web.Tests.Support;

namespace RemissFlow.Web.Tests.Api;

/// <summary>
/// The test kit's password work factor (<see cref="TestPasswords"/>): the demo template's accounts are hashed at it and the
/// test apps expect it, so a sign-in costs 1,000 rounds instead of 100,000 and leaves the account as it was. Were the two
/// to differ, every first sign-in would rehash at the app's factor and rewrite the account.
/// </summary>
public sealed class TestPasswordsTests
{
    [Test]
    public async Task A_demo_account_is_hashed_at_the_test_work_factor_and_a_sign_in_keeps_its_hash()
    {
        await using var app = await RemissFlowApp.StartAsync(DatabaseProvider.Sqlite);
        Task<string> HashAsync() => app.QueryAsync(db => db.Users.Where(u => u.Email == Sessions.SfHandlaggare).Select(u => u.PasswordHash!).SingleAsync());
        var before = await HashAsync();

        using var client = await Sessions.BearerAsync(app, Sessions.SfHandlaggare);

        Assert.That(IterationCount(before), Is.EqualTo(TestPasswords.IterationCount));
        Assert.That(await HashAsync(), Is.EqualTo(before), "the sign-in rehashed the password: the app's work factor is not the template's");
    }

    /// <summary>ASP.NET Core Identity's format 3: a marker byte, the PRF (4 bytes), then the iteration count (4 bytes, big-endian).</summary>
    private static int IterationCount(string hash) => BinaryPrimitives.ReadInt32BigEndian(Convert.FromBase64String(hash).AsSpan(5, 4));
}
