// Doctor: health checks of the database and of each shop's connection to
// Shopify, each failure with what to do (`storehouse doctor`). May import
// admin-api, auth, database, shops and sync.
export { runDoctor, type DoctorCheck, type DoctorDeps, type DoctorReport } from "./checks";
