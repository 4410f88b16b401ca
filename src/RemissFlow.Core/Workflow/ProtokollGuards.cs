using RemissFlow.Core.Features.ProtokollJustering;
using RemissFlow.Workflows.Runtime;

namespace RemissFlow.Core.Workflow;

/// <summary>The guards protokoll.v1 names.</summary>
public static class ProtokollGuards
{
    public static IEnumerable<IWorkflowGuard> All() =>
    [
        new CoreGuard("protokoll.justerare_valda", async (_, s, ct) =>
        {
            var p = (ProtokollSubject)s;
            var signers = await ProtokollRules.SignersAsync(s.Db, p.Protokoll, p.Meeting, ct);
            if (!signers.Any(x => x.Roll == Domain.JusteringsRoll.Ordforande))
            {
                return GuardResult.Refuse($"{p.Organ.Name} har ingen ordförande för mandatperioden; lägg in ordföranden under Ledamöter.");
            }

            return signers.Any(x => x.Roll == Domain.JusteringsRoll.Justerare)
                ? GuardResult.Allow()
                : GuardResult.Refuse("Ingen justerare är vald för protokollet.");
        }),
        new CoreGuard("protokoll.alla_har_justerat", async (_, s, ct) =>
        {
            var p = (ProtokollSubject)s;
            var signers = await ProtokollRules.SignersAsync(s.Db, p.Protokoll, p.Meeting, ct);
            return ProtokollRules.AllHaveApproved(p.Protokoll, signers)
                ? GuardResult.Allow()
                : GuardResult.Refuse("Alla justerare har inte justerat protokollet.");
        }),
    ];
}
