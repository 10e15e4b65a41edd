// The one entry point of the bundle: vega-embed (which brings Vega and Vega-Lite) and Vega's expression
// interpreter, which evaluates expressions without `new Function`, so the strict CSP needs no 'unsafe-eval'.
import embed from "vega-embed";
import { expressionInterpreter } from "vega-interpreter";

window.InnopartVega = { embed, expressionInterpreter };
