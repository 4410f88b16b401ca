using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using RemissFlow.Core.Domain;

namespace RemissFlow.Testing;

/// <summary>
/// The password work factor of the test apps: the real PBKDF2 hasher at 1,000 rounds instead of production's 100,000.
/// A test signs in or creates an account hundreds of times per run, and at the production factor each hash was some
/// 60 ms of CPU on two shared cores. The factor travels in each hash, so verifying works as in production; the tests
/// of hashing itself (that every sign-in path hashes once) count hashes, not rounds.
/// </summary>
public static class TestPasswords
{
    public const int IterationCount = 1_000;

    public static void Configure(PasswordHasherOptions options) => options.IterationCount = IterationCount;

    /// <summary>A hash of <paramref name="password"/> at the tests' work factor, as the tests' apps write and expect it.</summary>
    public static string Hash(string password) =>
        new PasswordHasher<AppUser>(Options.Create(new PasswordHasherOptions { IterationCount = IterationCount })).HashPassword(null!, password);
}
