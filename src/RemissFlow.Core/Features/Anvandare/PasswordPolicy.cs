using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace RemissFlow.Core.Features.Anvandare;

/// <summary>
/// What Identity's length and character rules cannot see: a password that is one of the most
/// common ones (or such a word with digits and signs around it, like Sommar2026!), or that
/// contains the person's own name or e-mail. Registered with Identity, so every way a password is
/// set (new account, an administratör's reset, a future change of one's own) is held to it.
/// </summary>
public sealed class PasswordPolicy : IPasswordValidator<AppUser>
{
    public const string CommonCode = "PasswordTooCommon";
    public const string PersonalCode = "PasswordContainsPersonalData";

    public const string CommonMessage = "Lösenord är ett av de vanligaste lösenorden eller en variant av ett (som Sommar2026 eller Password123); välj en lösenordsfras som är svår att gissa.";
    public const string PersonalMessage = "Lösenord får inte innehålla personens namn eller e-postadress.";

    /// <summary>Name parts and e-mail parts shorter than this are too ordinary to refuse (Ek, Bo, ks).</summary>
    private const int PersonalPartLength = 3;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommon);

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            // Identity's own rules report the empty password.
            return Task.FromResult(IdentityResult.Success);
        }

        var errors = new List<IdentityError>();
        if (IsCommon(password))
        {
            errors.Add(new IdentityError { Code = CommonCode, Description = CommonMessage });
        }

        if (ContainsPersonalData(password, user))
        {
            errors.Add(new IdentityError { Code = PersonalCode, Description = PersonalMessage });
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    /// <summary>
    /// Compared folded (lower case, å/ä/ö as a/a/o, common letter swaps like @ for a undone), as
    /// written and with the digits and signs at either end taken off, which is how people make a
    /// listed word pass a rule: Sommar2026!, 2024Hösten, P@ssw0rd123.
    /// </summary>
    public static bool IsCommon(string password)
    {
        var folded = Fold(password);
        var core = folded.Trim(TrimChars());
        if (core.Length == 0)
        {
            // Only digits and signs: 123456789012, 2026-12-31!!
            return true;
        }

        var common = Common.Value;
        return common.Contains(folded) || common.Contains(core) || common.Contains(Unleet(core)) || common.Contains(Unleet(core).Trim(TrimChars()));
    }

    public static bool ContainsPersonalData(string password, AppUser user)
    {
        var folded = Fold(password);
        var parts = new List<string>();
        parts.AddRange(Split(user.DisplayName));
        var local = (user.Email ?? user.UserName ?? "").Split('@')[0];
        parts.Add(local);
        parts.AddRange(Split(local));
        return parts.Select(Fold).Where(p => p.Length >= PersonalPartLength).Any(folded.Contains);
    }

    private static IEnumerable<string> Split(string? text) =>
        (text ?? "").Split([' ', '.', '-', '_', '+', '\''], StringSplitOptions.RemoveEmptyEntries)
            .Select(p => new string(p.Where(char.IsLetter).ToArray()));

    private static char[] TrimChars() => "0123456789!\"#¤%&/()=?`´^¨*'-_.:,;<>|@$£€{}[]~+§½ ".ToCharArray();

    public static string Fold(string text)
    {
        var lower = text.Trim().ToLower(CultureInfo.InvariantCulture);
        var decomposed = lower.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(c);
            }
        }

        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    private static string Unleet(string text) => new(text.Select(c => c switch
    {
        '@' or '4' => 'a',
        '0' => 'o',
        '1' or '!' => 'i',
        '3' => 'e',
        '$' or '5' => 's',
        '7' => 't',
        _ => c,
    }).ToArray());

    private static HashSet<string> LoadCommon()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("RemissFlow.Core.Features.Anvandare.CommonPasswords.txt")
            ?? throw new InvalidOperationException("The list of common passwords is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var entry = line.Trim();
            if (entry.Length > 0 && !entry.StartsWith('#'))
            {
                set.Add(Fold(entry));
                set.Add(Fold(entry).Trim(TrimChars()));
            }
        }

        set.Remove("");
        return set;
    }
}
