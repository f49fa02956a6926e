# Independent check of the disc-model figures of geodata/: Monte Carlo in plain Python (no
# phusong code), local equirectangular metres. Run from the repository root:
#   python3 tests/tools/monte_carlo_disc.py
# and compare with tests/fixtures/geodata-stats-disc.json (4000 points per thôn: ±0.008).
import json, math, random
random.seed(1)
thon=json.load(open('geodata/thon.geojson'))['features']; sites=json.load(open('geodata/sites.geojson'))['features']
lat0=15.17; kx=111320*math.cos(math.radians(lat0)); ky=110574
def xy(lon,lat): return ((lon-108.78)*kx,(lat-lat0)*ky)
def inpoly(x,y,ring):
    c=False; n=len(ring)
    for i in range(n-1):
        x1,y1=ring[i]; x2,y2=ring[i+1]
        if (y1>y)!=(y2>y) and x < x1+(y-y1)*(x2-x1)/(y2-y1): c=not c
    return c
DEF={'4G':2500,'5G':1000}
def covers(s,x,y,tech):
    p=s['properties']
    if tech not in p['tech']: return False
    sx,sy=xy(*s['geometry']['coordinates']); r=p.get('radius_m',DEF[tech])
    d=math.hypot(x-sx,y-sy)
    if d>r: return False
    secs=p.get('sectors')
    if not secs or d==0: return True
    b=math.degrees(math.atan2(x-sx,y-sy))%360
    return any(min((b-q['azimuth_deg'])%360,(q['azimuth_deg']-b)%360)<=q['beamwidth_deg']/2 for q in secs)
for t in thon:
    g=t['geometry']; ring=[xy(*c) for c in (g['coordinates'][0] if g['type']=='Polygon' else g['coordinates'][0][0])]
    xs=[c[0] for c in ring]; ys=[c[1] for c in ring]
    n=ins=c4=c5=0
    while ins<4000:
        x=random.uniform(min(xs),max(xs)); y=random.uniform(min(ys),max(ys))
        if not inpoly(x,y,ring): continue
        ins+=1
        c4+=any(covers(s,x,y,'4G') for s in sites); c5+=any(covers(s,x,y,'5G') for s in sites)
    print(t['properties']['id'], round(c4/ins,3), round(c5/ins,3))
