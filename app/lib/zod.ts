import { z } from "zod";

// French default messages everywhere; schemas write their own where the default reads badly.
z.config(z.locales.fr());

export { z };
