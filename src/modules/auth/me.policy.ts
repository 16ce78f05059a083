import type { MeMay } from '../../contracts/auth.js';
import type { Actor } from '../../platform/policy.js';
import { mayRegister } from '../ddr/ddr.policy.js';
import { incidentUnitsOf, mayKeepActorRegistry } from '../incidents/incidents.policy.js';
import { isJocWriter, operationUnitsOf } from '../operations/operations.policy.js';
import { editableSectionsOf } from '../organisation/sections.policy.js';
import { peaceUnitsOf } from '../peace/peace.policy.js';
import { projectUnitsOf } from '../projects/projects.policy.js';
import { programmeUnit } from '../protection/protection.checks.js';
import { answerableLines, caseUnitsOf, openableProgrammes } from '../protection/protection.policy.js';
import { recordableCategories } from '../strength/strength.policy.js';

/**
 * What the account may create (`Me['may']`), from the rules of the modules' write routes, so that
 * the app never works it out from roles of its own.
 */
export function mayOfAccount(actor: Actor, closedUnits: ReadonlySet<string> = new Set()): MeMay {
  const openCasesIn = caseUnitsOf(actor);
  const answerLines = answerableLines(actor);
  return {
    // A closed unit takes no new records.
    createIncidentIn: incidentUnitsOf(actor).filter((unit) => !closedUnits.has(unit)),
    keepActorRegistry: mayKeepActorRegistry(actor),
    editSectionsOf: editableSectionsOf(actor),
    recordStrength: recordableCategories(actor),
    createPeaceIn: peaceUnitsOf(actor).filter((unit) => !closedUnits.has(unit)),
    openProgrammes: openableProgrammes(actor).filter((programme) => !closedUnits.has(programmeUnit(programme))),
    openCasesIn,
    answerLines,
    useProtection: openCasesIn.length > 0,
    useHotline: openCasesIn.length > 0 || answerLines.length > 0,
    proposeProjectIn: projectUnitsOf(actor).filter((unit) => !closedUnits.has(unit)),
    useDdr: mayRegister(actor),
    planOperationIn: operationUnitsOf(actor).filter((unit) => !closedUnits.has(unit)),
    orderOperations: isJocWriter(actor),
  };
}

/**
 * Whether the account must enrol a second factor before anything else: it may use the protection,
 * hotline or DDR registry pages, whose routes refuse an account without one (`requireSecondFactor`), and has
 * none. Better asked at sign-in than after a whole call has been typed in.
 */
export function mustEnrolSecondFactor(may: MeMay, totpEnabled: boolean): boolean {
  return !totpEnabled && (may.useProtection || may.useHotline || may.useDdr);
}
