using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using RemissFlow.Core.Demo;
using RemissFlow.Core.Persistence;

namespace RemissFlow.Web.Tests.Support;

/// <summary>
/// Base for browser tests: the real app on Kestrel at 127.0.0.1 (free port, SQLite, demo data)
/// and Debian's Chromium driven by Playwright. <see cref="VisitAsync"/> and <see cref="CheckPageAsync"/>
/// run axe (WCAG 2.1 A and AA, zero violations allowed) and save a screenshot of every page
/// under $REMISSFLOW_ARTIFACTS/screenshots/{fixture}/.
///
/// A later page's test: derive from this class, then
/// <code>
/// var page = await SignInAsync(Sessions.SfHandlaggare);
/// await VisitAsync(page, "/mina-arenden", "mina-arenden");
/// await page.GetByLabel("Titel").FillAsync("…");
/// await page.GetByRole(AriaRole.Button, new() { Name = "Spara" }).ClickAsync();
/// await CheckPageAsync(page, "efter-spara");
/// </code>
/// </summary>
// Beside the other fixtures, but at most BrowsersAtOnce of these at a time (see Gate): with four browsers side by side on two loaded
// cores a sign-in's 15 s wait for the redirect ran out (ArendeLifecycleTests, a measured run of the first test kit).
[Parallelizable(ParallelScope.Self)]
public abstract class BrowserFixture
{
    /// <summary>How many browser fixtures (each its own app on Kestrel, own database copy, own Chromium) may run at once.</summary>
    public const int BrowsersAtOnce = 2;

    // A worker that takes a browser fixture while BrowsersAtOnce others run waits here; Parallelism.cs gives the
    // assembly enough workers that the other fixtures go on meanwhile.
    private static readonly SemaphoreSlim Gate = new(BrowsersAtOnce, BrowsersAtOnce);

    private bool _holdsGate;

    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private static readonly List<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private readonly List<IBrowserContext> _contexts = [];

    protected RemissFlowApp App { get; private set; } = null!;

    protected Uri BaseAddress => App.ServerAddress!;

    /// <summary>Pages and checks of this fixture, for the test's own assertions.</summary>
    protected IReadOnlyList<string> Visited => _visited;

    private readonly List<string> _visited = [];

    /// <summary>Override to run the fixture on another database (a fixture that runs on both takes it as its fixture parameter).</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    /// <summary>Override to start the app with other settings.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>Override to replace services after the app registered its own (a fake clock).</summary>
    protected virtual Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? TestServices => null;

    [OneTimeSetUp]
    public async Task StartBrowserAndApp()
    {
        if (!File.Exists(ChromiumPath))
        {
            Assert.Fail($"Webbläsartesterna behöver Debians Chromium på {ChromiumPath}. Installera den med "
                + "'apt-get install -y chromium' (tests/run-tests.sh gör det på en ny maskin). Kör aldrig 'playwright install'.");
        }

        await Gate.WaitAsync();
        _holdsGate = true;
        try
        {
            App = await RemissFlowApp.StartAsync(Provider, Settings, kestrel: true, services: TestServices);
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ChromiumArgs,
            });
        }
        catch
        {
            // The tear-down may not run after a failed set-up; the other browser fixtures must not wait for this one's turn.
            await StopBrowserAndApp();
            throw;
        }
    }

    [OneTimeTearDown]
    public async Task StopBrowserAndApp()
    {
        try
        {
            foreach (var context in _contexts)
            {
                await context.CloseAsync();
            }

            if (_browser is not null)
            {
                await _browser.CloseAsync();
            }

            _playwright?.Dispose();
            if (App is not null)
            {
                await App.DisposeAsync();
            }
        }
        finally
        {
            if (_holdsGate)
            {
                _holdsGate = false;
                Gate.Release();
            }
        }
    }

    /// <summary>A fresh browser session (own cookies), Swedish locale.</summary>
    protected async Task<IPage> NewPageAsync()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString().TrimEnd('/'),
            Locale = "sv-SE",
            TimezoneId = "Europe/Stockholm",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        return page;
    }

    /// <summary>Signs in through the real form (checking the sign-in page itself once) and lands on the start page.</summary>
    protected async Task<IPage> SignInAsync(string email, string password = DemoSeeder.Password)
    {
        var page = await NewPageAsync();
        await VisitAsync(page, "/konto/logga-in", "logga-in");
        await page.GetByLabel("E-post").FillAsync(email);
        await page.GetByLabel("Lösenord").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in" }).ClickAsync();
        // Sign-in hashes the password and plays the first page's queries; in the loaded full suite that redirect
        // has taken over 15 s, so this one step waits a minute before calling it a failure.
        await page.WaitForURLAsync(url => !url.Contains("/konto/logga-in", StringComparison.Ordinal), new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).Not.ToHaveTextAsync("Något gick fel");
        await CheckPageAsync(page, $"start-{email.Split('@')[0]}");
        return page;
    }

    /// <summary>Opens a path, expects a successful page, and checks it (axe + screenshot).</summary>
    protected async Task<IResponse> VisitAsync(IPage page, string path, string name)
    {
        var response = await page.GotoAsync(path);
        Assert.That(response, Is.Not.Null);
        Assert.That(response!.Status, Is.LessThan(400), $"{path} svarade {response.Status}");
        await CheckPageAsync(page, name);
        return response;
    }

    /// <summary>Runs axe with the WCAG 2.1 A and AA rules on the page as it is now and saves a screenshot. Any violation fails the test.</summary>
    protected async Task CheckPageAsync(IPage page, string name)
    {
        var file = Path.Combine(ScreenshotDirectory(), Sanitize(name) + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        _visited.Add(name);

        // axe runs its script inside each frame; a frame sandboxed without scripts (the template preview) never answers,
        // and the run waited forever. Such a frame holds a document, not controls: the page around it is still checked.
        var scriptless = await page.Locator("iframe[sandbox]:not([sandbox*=allow-scripts])").CountAsync();
        var results = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = WcagTags },
            Iframes = scriptless == 0 ? null : false,
        });
        var violations = results.Violations
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Select(n => n.Html))}")
            .ToList();
        Assert.That(violations, Is.Empty, $"Tillgänglighetsfel (WCAG 2.1 AA) på {page.Url} ({name}); skärmbild: {file}");
    }

    private string ScreenshotDirectory()
    {
        var dir = Path.Combine(ArtifactsDirectory(), "screenshots", GetType().Name);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>$REMISSFLOW_ARTIFACTS, or test-artifacts/ at the repository root.</summary>
    public static string ArtifactsDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("REMISSFLOW_ARTIFACTS");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        return Path.Combine(RepoPaths.Root, "test-artifacts");
    }

    private static string Sanitize(string name) =>
        new(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
}
