import type { Migration } from "kysely";
import * as m20261123120000 from "./20261123120000_foundation";
import * as m20261123130000 from "./20261123130000_awards";
import * as m20261123140000 from "./20261123140000_voting";
import * as m20261123150000 from "./20261123150000_jury";
import * as m20261123160000 from "./20261123160000_results";
import * as m20261123170000 from "./20261123170000_book";
import * as m20261123180000 from "./20261123180000_exports";
import * as m20261123181000 from "./20261123181000_audit_scope";
import * as m20261123182000 from "./20261123182000_privacy";
import * as m20261203120000 from "./20261203120000_submission_keys";
import * as m20261203130000 from "./20261203130000_deny_by_default_locks";
import * as m20261203150000 from "./20261203150000_round_selection";
import * as m20261203151000 from "./20261203151000_notices";
import * as m20261203152000 from "./20261203152000_recount_and_jury_report";
import * as m20261203154000 from "./20261203154000_open_ended_rounds";
import * as m20261203160000 from "./20261203160000_candidate_photos";
import * as m20261203161000 from "./20261203161000_legal_settings";
import * as m20261203162000 from "./20261203162000_organizer_screens";
import * as m20261203222000 from "./20261203222000_login_throttle";
import * as m20261203223000 from "./20261203223000_round_screen_keys";
import * as m20261203224000 from "./20261203224000_outbox_unsent_index";
import * as m20261204030000 from "./20261204030000_identity_sessions";
import * as m20261204031000 from "./20261204031000_oidc_identity";
import * as m20261204032000 from "./20261204032000_second_factor";
import * as m20261204033000 from "./20261204033000_account_self_service";
import * as m20261204034000 from "./20261204034000_role_invitations";
import * as m20261204035000 from "./20261204035000_user_admin";
import * as m20261205010000 from "./20261205010000_passkeys";
import * as m20261205030000 from "./20261205030000_departed_members";
import * as m20261205040000 from "./20261205040000_totp_secret_sealed";
import * as m20261206030000 from "./20261206030000_rate_limit_unlogged";
import * as m20261207010000 from "./20261207010000_tally_cache";
import * as m20261207020000 from "./20261207020000_fraud_snapshot";
import * as m20261208010000 from "./20261208010000_erasure_variants";
import * as m20261209010000 from "./20261209010000_erasure_log";
import * as m20261210010000 from "./20261210010000_privacy_requests";
import * as m20261211010000 from "./20261211010000_erasure_log_decline";

// Listed statically (not read from disk) so the bundled server carries its migrations.
// Add each new migration here; never edit one that has landed.
export const migrations: Record<string, Migration> = {
  "20261123120000_foundation": m20261123120000,
  "20261123130000_awards": m20261123130000,
  "20261123140000_voting": m20261123140000,
  "20261123150000_jury": m20261123150000,
  "20261123160000_results": m20261123160000,
  "20261123170000_book": m20261123170000,
  "20261123180000_exports": m20261123180000,
  "20261123181000_audit_scope": m20261123181000,
  "20261123182000_privacy": m20261123182000,
  "20261203120000_submission_keys": m20261203120000,
  "20261203130000_deny_by_default_locks": m20261203130000,
  "20261203150000_round_selection": m20261203150000,
  "20261203151000_notices": m20261203151000,
  "20261203152000_recount_and_jury_report": m20261203152000,
  "20261203154000_open_ended_rounds": m20261203154000,
  "20261203160000_candidate_photos": m20261203160000,
  "20261203161000_legal_settings": m20261203161000,
  "20261203162000_organizer_screens": m20261203162000,
  "20261203222000_login_throttle": m20261203222000,
  "20261203223000_round_screen_keys": m20261203223000,
  "20261203224000_outbox_unsent_index": m20261203224000,
  "20261204030000_identity_sessions": m20261204030000,
  "20261204031000_oidc_identity": m20261204031000,
  "20261204032000_second_factor": m20261204032000,
  "20261204033000_account_self_service": m20261204033000,
  "20261204034000_role_invitations": m20261204034000,
  "20261204035000_user_admin": m20261204035000,
  "20261205010000_passkeys": m20261205010000,
  "20261205030000_departed_members": m20261205030000,
  "20261205040000_totp_secret_sealed": m20261205040000,
  "20261206030000_rate_limit_unlogged": m20261206030000,
  "20261207010000_tally_cache": m20261207010000,
  "20261207020000_fraud_snapshot": m20261207020000,
  "20261208010000_erasure_variants": m20261208010000,
  "20261209010000_erasure_log": m20261209010000,
  "20261210010000_privacy_requests": m20261210010000,
  "20261211010000_erasure_log_decline": m20261211010000,
};
