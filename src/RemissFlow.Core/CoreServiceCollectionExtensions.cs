using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RemissFlow.Core.Audit;
using RemissFlow.Core.Diarium;
using RemissFlow.Core.Domain;
using RemissFlow.Core.Files;
using RemissFlow.Core.Mediation;
using RemissFlow.Core.Persistence;

namespace RemissFlow.Core;

public sealed record CoreOptions(DatabaseOptions Database, string DataDirectory, string WorkflowsDirectory, string TemplatesDirectory, Notifications.SmtpOptions? Smtp = null)
{
    /// <summary>Without SMTP the in-app inbox still works; no e-mail is queued that nobody would send.</summary>
    public bool EmailEnabled => Smtp is not null;

    /// <summary>The registry mailboxes read over IMAP (Intake:Mailboxes); none means no poller runs.</summary>
    public IReadOnlyList<Intake.Mail.MailboxOptions> Mailboxes { get; init; } = [];

    /// <summary>The address outsiders reach the app at (RemissFlow:PublicBaseUrl, else DefaultUrl): svarslänkar in e-mails start with it.</summary>
    public string PublicBaseUrl { get; init; } = "http://127.0.0.1:5080";
}

public static class CoreServiceCollectionExtensions
{
    public static IServiceCollection AddRemissFlowCore(this IServiceCollection services, CoreOptions options)
    {
        services.AddSingleton(options);
        services.AddRemissFlowDatabase(options.Database);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<WriteGate>();
        services.AddSingleton(FileStore.For(options.Database, new FileStoreOptions(Path.Combine(options.DataDirectory, "filer"))));
        services.AddScoped<IMediator, Mediator>();
        services.AddScoped<ValidationStep>();
        services.AddScoped<AuthorizationStep>();
        services.AddScoped<TransactionStep>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<AuditWriter>();
        services.AddScoped<AuditVerifier>();
        services.AddScoped<DiariumNumberAllocator>();
        services.AddScoped<SchemaMigrator>();
        services.AddScoped<Features.Anvandare.ActorLookup>();
        services.AddScoped<Demo.DemoSeeder>();
        services.AddScoped<Search.Searcher>();
        services.AddSingleton<RemissFlow.Workflows.Calendar.IWorkingDayCalendar, RemissFlow.Workflows.Calendar.SwedishWorkingDayCalendar>();
        foreach (var guard in Workflow.CoreGuards.All())
        {
            services.AddSingleton(guard);
        }

        services.AddSingleton<Workflow.WorkflowHost>();
        services.AddScoped<Workflow.WorkflowRunner>();
        services.AddScoped<Notifications.Notifier>();
        services.AddScoped<Deadlines.CalendarFeed>();
        services.TryAddSingleton(Background.BackgroundOptions.Default);
        services.AddSingleton<Background.BackgroundHeartbeats>();
        services.AddSingleton<Background.TimerPoller>();
        services.AddHostedService(sp => sp.GetRequiredService<Background.TimerPoller>());
        if (options.Smtp is { } smtp)
        {
            services.TryAddSingleton<Notifications.IEmailSender>(new Notifications.SmtpEmailSender(smtp));
            services.AddSingleton<Background.OutboxSender>();
            services.AddHostedService(sp => sp.GetRequiredService<Background.OutboxSender>());
        }
        services.AddSingleton(sp => new Intake.Mail.MailboxPoller(sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Background.BackgroundOptions>(), sp.GetRequiredService<FileStore>(), options.Mailboxes,
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Intake.Mail.MailboxPoller>>()));
        if (options.Mailboxes.Count > 0)
        {
            services.AddHostedService<Background.MailboxPollerService>();
        }

        services.TryAddScoped<CurrentActor>();
        services.TryAddScoped<ICurrentActor>(sp => sp.GetRequiredService<CurrentActor>());
        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = Limits.PasswordMinimumLength;
                o.Password.RequiredUniqueChars = 5;
                o.Password.RequireNonAlphanumeric = false;
                o.User.RequireUniqueEmail = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddPasswordValidator<Features.Anvandare.PasswordPolicy>()
            .AddEntityFrameworkStores<RemissFlowDbContext>();
        RegisterUseCases(services);
        services.AddSingleton(_ => new RemissFlow.Documents.DocumentRenderer(options.TemplatesDirectory));
        services.AddScoped<Documents.DocumentModelFactory>();
        services.AddScoped<Documents.DocumentService>();
        services.AddScoped<Features.Sammantraden.KallelseExport>();
        services.AddScoped<Features.ProtokollJustering.ProtokollExport>();
        services.AddScoped<Deadlines.PlanQuery>();
        services.AddScoped<Features.Kedja.KedjaQuery>();
        services.AddScoped<AttGora.AttGoraQuery>();
        services.AddScoped<Sammanstallning.RemissMatrixQuery>();
        services.AddScoped<Sammanstallning.PaminnelseHistorik>();
        services.AddScoped<Sammanstallning.SvarsDokumentSamlare>();
        services.AddScoped<Sammanstallning.SammanstallningExporter>();
        services.AddScoped<Sammanstallning.PublicRemissQuery>();
        services.AddScoped<Sammanstallning.Charts.ChartQueries>();
        Oversikt.OversiktServices.AddRemissFlowOversikt(services);
        return services;
    }

    /// <summary>Handlers, validators and authorizers are found once, here, not at every call.</summary>
    private static void RegisterUseCases(IServiceCollection services)
    {
        foreach (var type in UseCaseCatalog.ConcreteTypes)
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType))
            {
                var definition = contract.GetGenericTypeDefinition();
                if (definition == typeof(IValidator<>))
                {
                    // Building a validator's rules is work worth doing once; validators hold no per-request state.
                    services.AddSingleton(contract, type);
                }
                else if (definition == typeof(IRequestHandler<,>) || definition == typeof(IAuthorizer<>))
                {
                    services.AddScoped(contract, type);
                }
            }
        }
    }
}

/// <summary>What the use-case assembly offers; the start-up check and the registration read the same list.</summary>
public static class UseCaseCatalog
{
    public static IReadOnlyList<Type> ConcreteTypes { get; } = typeof(UseCaseCatalog).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false })
        .ToList();

    public static IReadOnlyList<Type> RequestTypes { get; } = ConcreteTypes
        .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)))
        .ToList();

    /// <summary>Every request type has exactly one handler and every command a validator; returns what is wrong.</summary>
    public static IReadOnlyList<string> Check()
    {
        var problems = new List<string>();
        foreach (var request in RequestTypes)
        {
            var resultType = request.GetInterfaces()
                .First(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>))
                .GetGenericArguments()[0];
            var handlerContract = typeof(IRequestHandler<,>).MakeGenericType(request, resultType);
            var handlers = ConcreteTypes.Count(handlerContract.IsAssignableFrom);
            if (handlers != 1)
            {
                problems.Add($"{request.FullName} has {handlers} handlers; exactly one is required.");
            }

            var isCommand = typeof(ICommand<>).MakeGenericType(resultType).IsAssignableFrom(request);
            if (isCommand && !ConcreteTypes.Any(typeof(IValidator<>).MakeGenericType(request).IsAssignableFrom))
            {
                problems.Add($"{request.FullName} is a command without a validator.");
            }

            if (!Attribute.IsDefined(request, typeof(RequiresRoleAttribute)) && !Attribute.IsDefined(request, typeof(AnySignedInUserAttribute)) && !Attribute.IsDefined(request, typeof(SecretTokenAttribute)))
            {
                problems.Add($"{request.FullName} declares no authorization rule.");
            }
        }

        return problems;
    }
}
