/**
 * Word lists for fake person names. They are deliberately not real surnames or given names, so a
 * pseudonym can never be mistaken for (or collide with) a real person's name.
 */

/** Family-name stems (trees, minerals, rivers of fiction). */
export const FAMILY_NAMES: readonly string[] = [
  'ALDER', 'ASPEN', 'BIRCH', 'CEDAR', 'ELM', 'FIR', 'HAZEL', 'JUNIPER', 'LARCH', 'MAPLE', 'OAK', 'PINE',
  'ROWAN', 'SPRUCE', 'WILLOW', 'YEW', 'AGATE', 'BASALT', 'COBALT', 'FELDSPAR', 'GARNET', 'JASPER', 'MICA',
  'ONYX', 'QUARTZ', 'SLATE', 'TOPAZ', 'ZIRCON', 'BERYL', 'GNEISS', 'OPAL', 'CHERT',
];

/** Given-name stand-ins (the NATO alphabet). */
export const GIVEN_NAMES: readonly string[] = [
  'ALPHA', 'BRAVO', 'CHARLIE', 'DELTA', 'ECHO', 'FOXTROT', 'GOLF', 'HOTEL', 'INDIA', 'JULIETT', 'KILO',
  'LIMA', 'MIKE', 'NOVEMBER', 'OSCAR', 'PAPA', 'QUEBEC', 'ROMEO', 'SIERRA', 'TANGO', 'UNIFORM', 'VICTOR',
  'WHISKEY', 'XRAY', 'YANKEE', 'ZULU',
];
