using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Features.Anvandare;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Tests.Support;

namespace RemissFlow.Core.Tests.Anvandare;

/// <summary>Accounts made through the real use case, and what the account tests read back.</summary>
public static class Accounts
{
    public const string Password = "Första-lösenordet-1";

    public static async Task<Guid> CreateAsync(TestApp app, string email, Guid organisationId, params Role[] roles) =>
        await app.Ok(TestApp.Admin, new CreateUser.Command(email, email.Split('@')[0], organisationId, roles, Password, "Utredare", "08-508 00 000"));

    public static Task<AppUser> ReadAsync(TestApp app, Guid id) => app.Query(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == id));

    public static Task<List<string>> RolesAsync(TestApp app, Guid id) => app.Query(db =>
        (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == id orderby r.Name select r.Name!).ToListAsync());

    public static Task<int> EventsAsync(TestApp app) => app.Query(db => db.Handelser.CountAsync());

    public static Task<Handelse> LastEventAsync(TestApp app) => app.Query(db => db.Handelser.AsNoTracking().OrderByDescending(h => h.Sequence).FirstAsync());

    public static async Task<bool> PasswordWorksAsync(TestApp app, Guid id, string password)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.CheckPasswordAsync((await users.FindByIdAsync(id.ToString()))!, password);
    }

    /// <summary>The account itself acting, as the web app would build it after sign-in.</summary>
    public static Actor Acting(Guid id, Guid organisationId, params Role[] roles) => new(id, "Konto " + id, organisationId, roles.ToHashSet());
}
