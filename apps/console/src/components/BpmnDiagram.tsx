import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { relabelModel } from '../elementNames';

export interface DiagramOverlay {
  elementId: string;
  html: string;
  position?: { top?: number; bottom?: number; left?: number; right?: number };
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface Viewbox extends Box {
  scale: number;
  outer: Box;
}
interface Canvas {
  zoom(level?: 'fit-viewport' | number, center?: { x: number; y: number }): number;
  viewbox(box?: Box): Viewbox;
  scroll(delta: { dx: number; dy: number }): void;
  addMarker(elementId: string, marker: string): void;
  findRoot(elementId: string): { id: string } | undefined;
  setRootElement(root: { id: string }): void;
  getRootElement(): { id: string };
}
interface Registry {
  get(id: string): Partial<Box> | undefined;
}

/** The scale the token is shown at: the model's labels readable. */
const TOKEN_SCALE = 1;

/** The element's centre in diagram coordinates, when it is a shape. */
function centreOf(registry: Registry, id: string | undefined): { x: number; y: number } | null {
  const shape = id ? registry.get(id) : undefined;
  if (!shape || shape.x === undefined || shape.y === undefined) return null;
  return { x: shape.x + (shape.width ?? 0) / 2, y: shape.y + (shape.height ?? 0) / 2 };
}

/** Centres the view on the token at a readable scale. */
function zoomTo(canvas: Canvas, centre: { x: number; y: number }) {
  const { outer } = canvas.viewbox();
  const width = outer.width / TOKEN_SCALE;
  const height = outer.height / TOKEN_SCALE;
  canvas.viewbox({ x: centre.x - width / 2, y: centre.y - height / 2, width, height });
}
interface Overlays {
  add(elementId: string, overlay: { position: DiagramOverlay['position']; html: string }): void;
}

/**
 * A process drawn with bpmn-js (navigated viewer: pan with the mouse, zoom with the wheel), with
 * CSS markers on elements (completed, active, incident, ...) and HTML overlays (counts, badges).
 * `focus`: an element whose plane is shown first (a token inside a collapsed sub-process).
 */
export function BpmnDiagram({
  xml,
  markers,
  overlays = [],
  focus,
  label,
}: {
  xml: string;
  markers: Record<string, string[]>;
  overlays?: DiagramOverlay[];
  focus?: string;
  label: string;
}) {
  const { t, i18n } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const canvasRef = useRef<Canvas | null>(null);
  const registryRef = useRef<Registry | null>(null);
  const language = i18n.language;

  useEffect(() => {
    if (!container.current) return;
    const viewer = new NavigatedViewer({ container: container.current });
    let cancelled = false;
    setReady(false);
    viewer
      // Labels in the reader's language: the Chinese term of a bilingual name in Chinese.
      .importXML(relabelModel(xml, language))
      .then(() => {
        if (cancelled) return;
        const canvas = viewer.get<Canvas>('canvas');
        canvasRef.current = canvas;
        const registry = viewer.get<Registry>('elementRegistry');
        registryRef.current = registry;
        const overlayService = viewer.get<Overlays>('overlays');
        for (const [marker, ids] of Object.entries(markers))
          for (const id of ids) if (registry.get(id)) canvas.addMarker(id, marker);
        for (const overlay of overlays)
          if (registry.get(overlay.elementId))
            overlayService.add(overlay.elementId, {
              position: overlay.position ?? { top: -14, right: 14 },
              html: overlay.html,
            });
        if (focus && registry.get(focus)) {
          const root = canvas.findRoot(focus);
          if (root && root.id !== canvas.getRootElement().id) canvas.setRootElement(root);
        }
        canvas.zoom('fit-viewport');
        // Where the instance is: the token centred at a readable scale, not a whole model shrunk.
        const token = centreOf(registry, focus);
        if (token && canvas.zoom() < TOKEN_SCALE) zoomTo(canvas, token);
        setReady(true);
      })
      .catch((failure: Error) => setError(failure.message));
    return () => {
      cancelled = true;
      canvasRef.current = null;
      registryRef.current = null;
      viewer.destroy();
    };
  }, [xml, markers, overlays, focus, language]);

  /** + and − zoom about the token when there is one in view, else about the middle. */
  const zoomBy = (factor: number) => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const box = canvas.viewbox();
    const token = registryRef.current && centreOf(registryRef.current, focus);
    const onScreen = token && {
      x: (token.x - box.x) * box.scale,
      y: (token.y - box.y) * box.scale,
    };
    const inView =
      onScreen &&
      onScreen.x >= 0 &&
      onScreen.y >= 0 &&
      onScreen.x <= box.outer.width &&
      onScreen.y <= box.outer.height;
    canvas.zoom(box.scale * factor, inView ? onScreen : undefined);
  };
  const toToken = () => {
    const token = registryRef.current && centreOf(registryRef.current, focus);
    if (canvasRef.current && token) zoomTo(canvasRef.current, token);
  };

  /** The keyboard moves the diagram as the mouse does: arrows pan, + and − zoom, 0 fits it. */
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const step = 60;
    const pans: Record<string, { dx: number; dy: number }> = {
      ArrowLeft: { dx: step, dy: 0 },
      ArrowRight: { dx: -step, dy: 0 },
      ArrowUp: { dx: 0, dy: step },
      ArrowDown: { dx: 0, dy: -step },
    };
    const pan = pans[event.key];
    if (pan) canvas.scroll(pan);
    else if (event.key === '+' || event.key === '=') zoomBy(1.2);
    else if (event.key === '-') zoomBy(1 / 1.2);
    else if (event.key === '0') canvas.zoom('fit-viewport');
    else if (event.key === '.') toToken();
    else return;
    event.preventDefault();
  };

  return (
    <figure className="diagram-figure">
      <div
        ref={container}
        className="diagram"
        role="img"
        aria-label={label}
        data-testid="diagram"
        data-ready={ready ? 'true' : 'false'}
        tabIndex={0}
        onKeyDown={onKeyDown}
      />
      <figcaption className="muted">
        {t('monitor.diagramHelp')}{' '}
        <span className="actions inline">
          <button type="button" onClick={() => zoomBy(1.2)} aria-label={t('monitor.zoomIn')}>
            +
          </button>
          <button type="button" onClick={() => zoomBy(1 / 1.2)} aria-label={t('monitor.zoomOut')}>
            −
          </button>
          <button type="button" onClick={() => canvasRef.current?.zoom('fit-viewport')}>
            {t('monitor.fitDiagram')}
          </button>
          {focus && (
            <button type="button" data-testid="zoom-to-token" onClick={toToken}>
              {t('monitor.zoomToToken')}
            </button>
          )}
        </span>
      </figcaption>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </figure>
  );
}
