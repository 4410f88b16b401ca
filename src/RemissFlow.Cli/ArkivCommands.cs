using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using RemissFlow.Core;
using RemissFlow.Core.Features.Arkiv;
using RemissFlow.Core.Mediation;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Cli;

/// <summary>
/// <c>arkiv export (--arende &lt;dnr&gt; | --remiss &lt;dnr&gt; | --year &lt;YYYY&gt;) --out &lt;dir, .zip or .tar&gt;</c> and
/// <c>arkiv verify &lt;dir, .zip or .tar&gt;</c>: the e-arkiv delivery for scripts, and the receiving side's check of a package.
/// </summary>
public static class ArkivCommands
{
    public static Command Create()
    {
        var arkiv = new Command("arkiv", "Leverans till e-arkivet (FGS Paketstruktur 2.0) och kontroll av paket.");
        arkiv.Subcommands.Add(Export());
        arkiv.Subcommands.Add(Verify());
        arkiv.Subcommands.Add(Gallring());
        arkiv.Subcommands.Add(Pseudonymisera());
        return arkiv;
    }

    /// <summary><c>arkiv gallring --list</c>: what the dokumenthanteringsplan lets be gallrat today, and why, in every organisation.</summary>
    private static Command Gallring()
    {
        var list = new Option<bool>("--list") { Description = "Listar det som får gallras i dag och varför." };
        var command = new Command("gallring", "Gallring enligt dokumenthanteringsplanen.") { list };
        command.SetAction(async (parse, ct) =>
        {
            if (!parse.GetValue(list))
            {
                throw new CliUsageException("ange --list (beslut om gallring fattas av arkivarien i webbappen)");
            }

            await using var provider = CliApp.BuildServices();
            await Startup.PrepareAsync(provider, ct);
            using var scope = provider.CreateScope();
            var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new Core.Features.Gallring.GallringsLista.Query(), ct);
            if (!result.Succeeded)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"fel: {result.Refusal!.Message}");
                return CliExit.Failure;
            }

            var m = result.Value;
            var output = parse.InvocationConfiguration.Output;
            foreach (var k in m.Handlingar)
            {
                await output.WriteLineAsync($"{k.Dnr ?? "-"}\t{k.Handlingstyp}\t{k.Namn}\t{k.Skal}");
            }

            await output.WriteLineAsync($"{m.Handlingar.Count.ToString(CultureInfo.InvariantCulture)} handlingar får gallras {Core.Features.Gallring.Gallringsplan.Iso(m.Idag)}.");
            var konton = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new Core.Features.Personuppgifter.Pseudonymisering.Lista(), ct);
            foreach (var k in konton.Value)
            {
                await output.WriteLineAsync($"konto\t{k.Epost}\t{k.Namn}\t{Core.Features.Gallring.Gallringsplan.Regel(k.Rad)} (avaktiverat {Core.Features.Gallring.Gallringsplan.Iso(StockholmTime.DateOf(k.Avaktiverat))})");
            }

            await output.WriteLineAsync($"{konton.Value.Count.ToString(CultureInfo.InvariantCulture)} konton ska pseudonymiseras (remissflow arkiv pseudonymisera).");
            return CliExit.Ok;
        });
        return command;
    }

    /// <summary><c>arkiv pseudonymisera</c>: every account due under its organisation's plan row <c>konto</c> gets its pseudonym.</summary>
    private static Command Pseudonymisera()
    {
        var command = new Command("pseudonymisera", "Pseudonymiserar namn och e-post för konton som varit avaktiverade längre än dokumenthanteringsplanen tillåter.");
        command.SetAction(async (parse, ct) =>
        {
            await using var provider = CliApp.BuildServices();
            await Startup.PrepareAsync(provider, ct);
            using var scope = provider.CreateScope();
            var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new Core.Features.Personuppgifter.Pseudonymisering.Command(), ct);
            if (!result.Succeeded)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"fel: {result.Refusal!.Message}");
                return result.Refusal.Kind == RefusalKind.InvalidState ? CliExit.Ok : CliExit.Failure;
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync($"{result.Value.ToString(CultureInfo.InvariantCulture)} konton pseudonymiserades.");
            return CliExit.Ok;
        });
        return command;
    }

    private static Command Export()
    {
        var arende = new Option<string>("--arende") { Description = "Ett avslutat ärende, t.ex. \"SF 2026/12\"." };
        var remiss = new Option<string>("--remiss") { Description = "En avslutad remiss med alla remissvar, t.ex. \"KS 2025/1616\"." };
        var year = new Option<string>("--year") { Description = "Alla ärenden som avslutades ett år, ÅÅÅÅ." };
        var output = new Option<string>("--out", "-o") { Description = "En mapp (paketets rotmapp skapas i den), en .zip- eller en .tar-fil.", Required = true };
        var command = new Command("export", "Skapar ett leveranspaket (E-ARK SIP) med METS, ERMS, PREMIS, handlingarna som PDF/A och originalen.")
        {
            arende, remiss, year, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var given = new (Urval Urval, string? Value)[] { (Urval.Arende, parse.GetValue(arende)), (Urval.Remiss, parse.GetValue(remiss)), (Urval.Ar, parse.GetValue(year)) }
                .Where(x => x.Value is not null).ToList();
            if (given.Count != 1)
            {
                throw new CliUsageException("ange precis ett av --arende, --remiss och --year");
            }

            await using var provider = CliApp.BuildServices();
            await Startup.PrepareAsync(provider, ct);
            using var scope = provider.CreateScope();
            var result = await scope.ServiceProvider.GetRequiredService<IMediator>()
                .Send(new ExportArkivpaket.Command(given[0].Urval, given[0].Value!, parse.GetRequiredValue(output)), ct);
            if (!result.Succeeded)
            {
                foreach (var line in result.Refusal!.Errors.Count > 0 ? result.Refusal.Errors.Select(e => e.Message) : [result.Refusal.Message])
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync($"fel: {line}");
                }

                return result.Refusal.Kind == RefusalKind.Validation ? CliExit.Usage : CliExit.Failure;
            }

            var p = result.Value;
            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"{p.Sokvag}: paket {p.Namn}, {p.Arenden.Count} ärenden ({string.Join(", ", p.Arenden)}), {p.Filer} filer, {(p.Bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture)} kB" +
                (p.ZipSha256 is null ? "" : $", {(p.Sokvag.EndsWith(".tar", StringComparison.OrdinalIgnoreCase) ? "TAR" : "ZIP")} SHA-256 {p.ZipSha256}"));
            return CliExit.Ok;
        });
        return command;
    }

    private static Command Verify()
    {
        var package = new Argument<string>("paket") { Description = "Paketets rotmapp, mappen som innehåller den, en .zip- eller en .tar-fil." };
        var command = new Command("verify", "Kontrollerar varje fil i ett paket mot METS.xml (storlek och SHA-256) och att ingen fil saknas i METS.") { package };
        command.SetAction(async (parse, ct) =>
        {
            var result = VerifyArkivpaket.Verify(parse.GetRequiredValue(package));
            if (result.Ok)
            {
                await parse.InvocationConfiguration.Output.WriteLineAsync($"{result.Paket}: paketet är helt: {result.FilerKontrollerade} filer kontrollerade, inga fel.");
                return CliExit.Ok;
            }

            foreach (var fel in result.Fel)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"fel: {fel}");
            }

            await parse.InvocationConfiguration.Error.WriteLineAsync($"{result.Paket}: {result.Fel.Count} fel, {result.FilerKontrollerade} filer kontrollerade.");
            return CliExit.Failure;
        });
        return command;
    }
}
